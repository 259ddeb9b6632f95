<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApprovalsMixin</name>
    <message>
        <source>Sign in first.</source>
        <translation>Zuerst anmelden.</translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation>%1 — ein Filialleiter muss freigeben: %2</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN Filialleiter</translation>
    </message>
</context>
<context>
    <name>BasketEditsMixin</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Approved by %s.</source>
        <translation>Freigegeben von %s.</translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation>%1 — ein Filialleiter muss freigeben: %2</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN Filialleiter</translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation>Der Warenkorb ist leer: zuerst einen Artikel scannen.</translation>
    </message>
    <message>
        <source>Enter a quantity.</source>
        <translation>Menge eingeben.</translation>
    </message>
    <message>
        <source>Quantity of %s</source>
        <translation>Menge von %s</translation>
    </message>
    <message>
        <source>Removed %s.</source>
        <translation>%s entfernt.</translation>
    </message>
    <message>
        <source>Enter 10 or 10% for a percentage, 2.00 for an amount.</source>
        <translation>10 oder 10% für Prozent, 2.00 für einen Betrag eingeben.</translation>
    </message>
    <message>
        <source>Discount on %1: 10% or an amount like 2.00</source>
        <translation>Rabatt auf %1: 10% oder ein Betrag wie 2.00</translation>
    </message>
    <message>
        <source>Enter 10% for a percentage or 5.00 for an amount.</source>
        <translation>10% für Prozent oder 5.00 für einen Betrag eingeben.</translation>
    </message>
    <message>
        <source>Basket discount: 10% or an amount</source>
        <translation>Warenkorbrabatt: 10% oder ein Betrag</translation>
    </message>
    <message>
        <source>Enter the new price.</source>
        <translation>Neuen Preis eingeben.</translation>
    </message>
    <message>
        <source>New unit price of %s</source>
        <translation>Neuer Stückpreis von %s</translation>
    </message>
    <message>
        <source>The basket is already empty.</source>
        <translation>Der Warenkorb ist schon leer.</translation>
    </message>
    <message>
        <source>Give a reason to void the basket.</source>
        <translation>Grund für das Stornieren des Warenkorbs angeben.</translation>
    </message>
    <message>
        <source>Void the whole basket? Give the reason.</source>
        <translation>Ganzen Warenkorb stornieren? Grund angeben.</translation>
    </message>
</context>
<context>
    <name>BasketTableModel</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>(price changed)</source>
        <translation>(Preis geändert)</translation>
    </message>
    <message>
        <source>Price changed: %s</source>
        <translation>Preis geändert: %s</translation>
    </message>
</context>
<context>
    <name>CollectionsController</name>
    <message>
        <source>  ·  %1 new</source>
        <translation>  ·  %1 neu</translation>
    </message>
    <message>
        <source>  ⚠%1</source>
        <translation>  ⚠%1</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Nicht möglich: %1</translation>
    </message>
    <message>
        <source>Choose an order first.</source>
        <translation>Zuerst eine Bestellung wählen.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Zuerst anmelden.</translation>
    </message>
    <message>
        <source>No order matches %1.</source>
        <translation>Keine Bestellung passt zu %1.</translation>
    </message>
    <message>
        <source>Picking: scan each item.</source>
        <translation>Kommissionieren: jeden Artikel scannen.</translation>
    </message>
    <message>
        <source>Touch the line that is short first.</source>
        <translation>Zuerst die fehlende Zeile antippen.</translation>
    </message>
    <message>
        <source>Marked short: the hub decides refund or substitute.</source>
        <translation>Als fehlend markiert: die Zentrale entscheidet über Erstattung oder Ersatz.</translation>
    </message>
    <message>
        <source>This till has no receipt printer: pick from the screen.</source>
        <translation>Diese Kasse hat keinen Bondrucker: vom Bildschirm kommissionieren.</translation>
    </message>
    <message>
        <source>Printing the pick list…</source>
        <translation>Pickliste wird gedruckt…</translation>
    </message>
    <message>
        <source>Pick list of %1 printed.</source>
        <translation>Pickliste von %1 gedruckt.</translation>
    </message>
    <message>
        <source>the printer does not answer</source>
        <translation>der Drucker antwortet nicht</translation>
    </message>
    <message>
        <source>Pick list not printed: %1. It prints by itself when the printer is back.</source>
        <translation>Pickliste nicht gedruckt: %1. Sie wird gedruckt, sobald der Drucker wieder da ist.</translation>
    </message>
    <message>
        <source>Ready: stick the label on the bag.</source>
        <translation>Fertig: Etikett auf die Tüte kleben.</translation>
    </message>
    <message>
        <source>All items picked. Next: Ready + label (F5) or Enter.</source>
        <translation>Alles gepickt. Weiter: Fertig+Etikett (F5) oder Enter.</translation>
    </message>
    <message>
        <source>Check the customer&apos;s ID or pickup code, then note it here.</source>
        <translation>Ausweis oder Abholcode prüfen, dann hier notieren.</translation>
    </message>
    <message>
        <source>This till cannot take payments.</source>
        <translation>Diese Kasse kann keine Zahlungen annehmen.</translation>
    </message>
    <message>
        <source>Pay for order %1 · %2</source>
        <translation>Bestellung %1 · %2 bezahlen</translation>
    </message>
    <message>
        <source>Take payment and hand over</source>
        <translation>Kassieren und übergeben</translation>
    </message>
    <message>
        <source>Back to order</source>
        <translation>Zurück zur Bestellung</translation>
    </message>
    <message>
        <source>Recording the payment and the hand-over…</source>
        <translation>Zahlung und Übergabe werden gespeichert…</translation>
    </message>
    <message>
        <source>Shipped: the order is closed and the customer told.</source>
        <translation>Versandt: Bestellung abgeschlossen, Kunde benachrichtigt.</translation>
    </message>
    <message>
        <source>Not paid: nothing was handed over.</source>
        <translation>Nicht bezahlt: nichts wurde übergeben.</translation>
    </message>
    <message>
        <source>Handed over: the receipt is printing.</source>
        <translation>Übergeben: der Bon wird gedruckt.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Storniert.</translation>
    </message>
    <message numerus="yes">
        <source>Expired %n overdue order(s).</source>
        <translation>
            <numerusform>%n überfällige Bestellung verfallen.</numerusform>
            <numerusform>%n überfällige Bestellungen verfallen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Expire late orders</source>
        <translation>Überfällige Bestellungen verfallen lassen</translation>
    </message>
    <message>
        <source>Mark order %1 reviewed</source>
        <translation>Bestellung %1 als geprüft markieren</translation>
    </message>
    <message>
        <source>Reviewed.</source>
        <translation>Geprüft.</translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>In Kommissionierung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Part collected</source>
        <translation>Teilweise abgeholt</translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation>Heute abgeholt</translation>
    </message>
    <message>
        <source>Shipped today</source>
        <translation>Heute versandt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Verfallen</translation>
    </message>
    <message>
        <source>Scan QR / type order no., name, email or phone</source>
        <translation>QR scannen / Bestellnr., Name, E-Mail oder Telefon eingeben</translation>
    </message>
    <message>
        <source>Choose an order on the left</source>
        <translation>Links eine Bestellung wählen</translation>
    </message>
    <message>
        <source>Dept.</source>
        <translation>Abt.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Bestellt</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Gepickt</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Give now</source>
        <translation>Jetzt geben</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>RÜCKGELD</translation>
    </message>
    <message>
        <source>Note: ID checked / who collects / cancel reason</source>
        <translation>Notiz: Ausweis geprüft / wer abholt / Stornogrund</translation>
    </message>
    <message>
        <source>Parcel tracking no. (optional): type or scan</source>
        <translation>Sendungsnummer (optional): eingeben oder scannen</translation>
    </message>
    <message>
        <source>Start pick</source>
        <translation>Picken</translation>
    </message>
    <message>
        <source>Line short</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Ready + label</source>
        <translation>Fertig+Etikett</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Versandt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Stornieren</translation>
    </message>
    <message>
        <source>Expire late</source>
        <translation>Verfallen</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>Pickliste</translation>
    </message>
    <message>
        <source>NEEDS REVIEW: %1</source>
        <translation>PRÜFEN: %1</translation>
    </message>
    <message>
        <source>⚠ CHECK</source>
        <translation>⚠ PRÜFEN</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>ÜBERFÄLLIG</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>PAY IN STORE</source>
        <translation>ZAHLUNG IM LADEN</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n item(s) · %2</source>
        <translation>
            <numerusform>%1 · %n Artikel · %2</numerusform>
            <numerusform>%1 · %n Artikel · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>no address</source>
        <translation>keine Adresse</translation>
    </message>
    <message>
        <source>DELIVER TO %1</source>
        <translation>LIEFERN AN %1</translation>
    </message>
    <message>
        <source>due by %1</source>
        <translation>fällig bis %1</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Online bezahlt</translation>
    </message>
    <message>
        <source> · picking: %1</source>
        <translation> · Kommissionierung: %1</translation>
    </message>
    <message>
        <source> · OVERDUE</source>
        <translation> · ÜBERFÄLLIG</translation>
    </message>
    <message>
        <source>DELIVER TO: %1</source>
        <translation>LIEFERN AN: %1</translation>
    </message>
    <message>
        <source> · tracking %1</source>
        <translation> · Sendung %1</translation>
    </message>
    <message>
        <source>%1 taken</source>
        <translation>%1 genommen</translation>
    </message>
</context>
<context>
    <name>CountView</name>
    <message>
        <source>count of %1</source>
        <translation>Anzahl %1</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>Gezählt: %1</translation>
    </message>
</context>
<context>
    <name>CouponEntry</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Zuerst die offene Eingabe beenden oder abbrechen (Esc).</translation>
    </message>
    <message>
        <source>Coupon code (type or scan)</source>
        <translation>Gutscheincode (eingeben oder scannen)</translation>
    </message>
    <message>
        <source>Checking coupon %s…</source>
        <translation>Gutschein %s wird geprüft…</translation>
    </message>
    <message>
        <source>Nothing in the basket qualifies yet.</source>
        <translation>Noch nichts im Warenkorb ist berechtigt.</translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <source>Offline — from this till&apos;s recent customers.</source>
        <translation>Offline — aus den letzten Kunden dieser Kasse.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Zuerst die offene Eingabe beenden oder abbrechen (Esc).</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No customer found. Create one with “New customer”.</source>
        <translation>Kein Kunde gefunden. Mit „Neuer Kunde“ anlegen.</translation>
    </message>
    <message>
        <source>The hub refused the look-up: %s</source>
        <translation>Die Zentrale hat die Suche abgelehnt: %s</translation>
    </message>
    <message>
        <source>Not among them: create the customer (it is queued).</source>
        <translation>Nicht dabei: Kunden anlegen (wird später gesendet).</translation>
    </message>
    <message>
        <source>Created at this till: its history shows once the hub has it.</source>
        <translation>An dieser Kasse angelegt: der Verlauf erscheint, sobald die Zentrale ihn hat.</translation>
    </message>
    <message>
        <source>Loading recent orders…</source>
        <translation>Letzte Bestellungen werden geladen…</translation>
    </message>
    <message>
        <source>Offline — recent orders and store credit need the hub.</source>
        <translation>Offline — letzte Bestellungen und Guthaben brauchen die Zentrale.</translation>
    </message>
    <message>
        <source>Recent orders unavailable: %s</source>
        <translation>Letzte Bestellungen nicht verfügbar: %s</translation>
    </message>
    <message>
        <source>%s attached to this sale.</source>
        <translation>%s mit diesem Verkauf verknüpft.</translation>
    </message>
    <message>
        <source>%s detached.</source>
        <translation>%s gelöst.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>%s — press Attach to use that customer.</source>
        <translation>%s — Verknüpfen drücken, um diesen Kunden zu nutzen.</translation>
    </message>
    <message>
        <source>The hub refused the new customer: %s</source>
        <translation>Die Zentrale hat den neuen Kunden abgelehnt: %s</translation>
    </message>
    <message>
        <source>Offline: %s created at this till and attached; the hub gets it when the connection is back.</source>
        <translation>Offline: %s an dieser Kasse angelegt und verknüpft; die Zentrale erhält ihn, sobald die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>This till is not connected to a hub: receipts cannot be emailed.</source>
        <translation>Diese Kasse ist mit keiner Zentrale verbunden: Bons können nicht gemailt werden.</translation>
    </message>
    <message>
        <source>Queued for %s: the hub emails it once the till is back online.</source>
        <translation>Für %s vorgemerkt: die Zentrale mailt ihn, sobald die Kasse wieder online ist.</translation>
    </message>
    <message>
        <source>Email queued for %s: the hub sends it in a moment.</source>
        <translation>E-Mail an %s vorgemerkt: die Zentrale sendet sie gleich.</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Email, phone or scan the loyalty card</source>
        <translation>E-Mail, Telefon oder Kundenkarte scannen</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Recent orders (web and in store)</source>
        <translation>Letzte Bestellungen (online und im Laden)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Create a new customer</source>
        <translation>Neuen Kunden anlegen</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Verknüpfen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email (required)</source>
        <translation>E-Mail (Pflicht)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Telefon (optional)</translation>
    </message>
    <message>
        <source>Loyalty card (scan it; optional)</source>
        <translation>Kundenkarte (scannen; optional)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Create and attach</source>
        <translation>Anlegen und verknüpfen</translation>
    </message>
    <message>
        <source>Customer · attached: %s</source>
        <translation>Kunde · verknüpft: %s</translation>
    </message>
    <message>
        <source> (not yet at the hub)</source>
        <translation> (noch nicht in der Zentrale)</translation>
    </message>
    <message>
        <source>card %s</source>
        <translation>Karte %s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Neuer Kunde</translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <source>%s off</source>
        <translation>%s Rabatt</translation>
    </message>
    <message>
        <source> each</source>
        <translation> pro Stück</translation>
    </message>
    <message>
        <source>now %s each</source>
        <translation>jetzt %s pro Stück</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>gratis</translation>
    </message>
    <message>
        <source>buy %1 get %2 %3</source>
        <translation>kaufe %1, erhalte %2 %3</translation>
    </message>
    <message>
        <source>%1 off when you spend %2</source>
        <translation>%1 Rabatt ab %2 Einkauf</translation>
    </message>
    <message>
        <source> on %s</source>
        <translation> auf %s</translation>
    </message>
    <message>
        <source> on %1 items</source>
        <translation> auf %1 Artikel</translation>
    </message>
    <message>
        <source> on the basket</source>
        <translation> auf den Warenkorb</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>ohne Enddatum</translation>
    </message>
    <message>
        <source>until %s</source>
        <translation>bis %s</translation>
    </message>
    <message>
        <source>also online</source>
        <translation>auch online</translation>
    </message>
    <message>
        <source>store only</source>
        <translation>nur im Laden</translation>
    </message>
    <message>
        <source>coupon %s</source>
        <translation>Gutschein %s</translation>
    </message>
    <message>
        <source>members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Add %1 more %2 for %3</source>
        <translation>Noch %1 × %2 für %3</translation>
    </message>
    <message>
        <source>Spend %1 more%2 for %3</source>
        <translation>Noch %1 einkaufen%2 für %3</translation>
    </message>
    <message numerus="yes">
        <source>Deals today: %n promotion(s)</source>
        <translation>
            <numerusform>Heutige Aktionen: %n Aktion</numerusform>
            <numerusform>Heutige Aktionen: %n Aktionen</numerusform>
        </translation>
    </message>
    <message>
        <source>(Ctrl+O hides)</source>
        <translation>(Ctrl+O blendet aus)</translation>
    </message>
    <message>
        <source>No promotions are running in this store now.</source>
        <translation>In diesem Laden laufen gerade keine Aktionen.</translation>
    </message>
    <message>
        <source>in this basket</source>
        <translation>in diesem Warenkorb</translation>
    </message>
</context>
<context>
    <name>DeviceController</name>
    <message>
        <source>Nothing has been printed yet in this session.</source>
        <translation>In dieser Sitzung wurde noch nichts gedruckt.</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>Papier leer</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>Drucker offline</translation>
    </message>
    <message>
        <source>Weighing %s…</source>
        <translation>%s wird gewogen…</translation>
    </message>
    <message>
        <source>Scale: %s</source>
        <translation>Waage: %s</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>The printer answers, but it is out of paper.</source>
        <translation>Der Drucker antwortet, hat aber kein Papier.</translation>
    </message>
    <message>
        <source>The printer answers, but its cover is open.</source>
        <translation>Der Drucker antwortet, aber sein Deckel ist offen.</translation>
    </message>
    <message>
        <source>The printer answers, but it is offline or reports an error.</source>
        <translation>Der Drucker antwortet, ist aber offline oder meldet einen Fehler.</translation>
    </message>
    <message>
        <source>Printer online — paper is running low.</source>
        <translation>Drucker online — das Papier geht zur Neige.</translation>
    </message>
    <message>
        <source>Printer online, paper OK.</source>
        <translation>Drucker online, Papier OK.</translation>
    </message>
    <message>
        <source>Devices (step 2 of 2)</source>
        <translation>Geräte (Schritt 2 von 2)</translation>
    </message>
    <message>
        <source>Set up the receipt printer, the cash drawer and the scanner — or skip and do it later (omnitill devices test).</source>
        <translation>Bondrucker, Kassenschublade und Scanner einrichten — oder überspringen und später erledigen (omnitill devices test).</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Save devices</source>
        <translation>Geräte speichern</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Bondrucker</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriell</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.50</source>
        <translation>z. B. 192.168.1.50</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu suchen</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>Geschwindigkeit (Baud)</translation>
    </message>
    <message>
        <source>vendor:product, e.g. 04b8:0202</source>
        <translation>Hersteller:Produkt, z. B. 04b8:0202</translation>
    </message>
    <message>
        <source>USB id</source>
        <translation>USB-ID</translation>
    </message>
    <message>
        <source>This screen cannot test a USB printer: save, then check that the test receipt comes out (lsusb shows the id).</source>
        <translation>Dieser Bildschirm kann keinen USB-Drucker testen: speichern, dann prüfen, ob der Testbon herauskommt (lsusb zeigt die ID).</translation>
    </message>
    <message>
        <source>No receipt printer: receipts are shown on screen only.</source>
        <translation>Kein Bondrucker: Bons werden nur am Bildschirm gezeigt.</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Papierbreite</translation>
    </message>
    <message>
        <source>Ask, print if silent</source>
        <translation>Fragen, bei Stille drucken</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>Nie fragen</translation>
    </message>
    <message>
        <source>Must answer</source>
        <translation>Muss antworten</translation>
    </message>
    <message>
        <source>Ask, print if silent: a printer that never answers (print server, cable without a return wire) still prints. Must answer: no answer, no receipt.</source>
        <translation>Fragen, bei Stille drucken: ein Drucker, der nie antwortet (Druckserver, Kabel ohne Rückleitung), druckt trotzdem. Muss antworten: keine Antwort, kein Bon.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Print test receipt</source>
        <translation>Testbon drucken</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Kassenschublade</translation>
    </message>
    <message>
        <source>Through the printer, pin 2</source>
        <translation>Über den Drucker, Pin 2</translation>
    </message>
    <message>
        <source>Through the printer, pin 5</source>
        <translation>Über den Drucker, Pin 5</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Serieller Anschluss</translation>
    </message>
    <message>
        <source>e.g. /dev/ttyS1 or COM2</source>
        <translation>z. B. /dev/ttyS1 oder COM2</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Schublade</translation>
    </message>
    <message>
        <source>Drawer port</source>
        <translation>Anschluss Schublade</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Barcode-Scanner</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nichts</translation>
    </message>
    <message>
        <source>scan something now</source>
        <translation>jetzt scannen</translation>
    </message>
    <message>
        <source>Nothing scanned yet.</source>
        <translation>Noch nichts gescannt.</translation>
    </message>
    <message>
        <source>Ends codes with</source>
        <translation>Beendet Codes mit</translation>
    </message>
    <message>
        <source>no serial ports found; type one</source>
        <translation>keine seriellen Anschlüsse gefunden; einen eingeben</translation>
    </message>
    <message>
        <source>%1; saving replaces it</source>
        <translation>%1; Speichern ersetzt sie</translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>Drucker wird abgefragt…</translation>
    </message>
    <message>
        <source>Printing the test receipt…</source>
        <translation>Testbon wird gedruckt…</translation>
    </message>
    <message>
        <source>Checking the printer and saving…</source>
        <translation>Drucker wird geprüft und gespeichert…</translation>
    </message>
    <message>
        <source>something went wrong (%1)</source>
        <translation>etwas ist schiefgegangen (%1)</translation>
    </message>
    <message>
        <source>Not saved: </source>
        <translation>Nicht gespeichert: </translation>
    </message>
    <message>
        <source> Check the address, switch the printer on, or choose None.</source>
        <translation> Adresse prüfen, Drucker einschalten oder Keiner wählen.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Gespeichert in %1.</translation>
    </message>
    <message>
        <source>Test receipt sent: check that the € and accents print.</source>
        <translation>Testbon gesendet: prüfen, ob € und Umlaute gedruckt werden.</translation>
    </message>
    <message>
        <source>Received only %1, no code.</source>
        <translation>Nur %1 empfangen, kein Code.</translation>
    </message>
    <message>
        <source>matches the setting.</source>
        <translation>passt zur Einstellung.</translation>
    </message>
    <message>
        <source>choose “%1” above.</source>
        <translation>oben „%1“ wählen.</translation>
    </message>
    <message>
        <source>Received “%1”, then %2 — %3</source>
        <translation>„%1“ empfangen, dann %2 — %3</translation>
    </message>
    <message>
        <source>this connection cannot report status; print a test receipt instead</source>
        <translation>diese Verbindung meldet keinen Status; stattdessen einen Testbon drucken</translation>
    </message>
    <message>
        <source>no answer from the printer</source>
        <translation>keine Antwort vom Drucker</translation>
    </message>
    <message>
        <source>no answer from the printer (%1)</source>
        <translation>keine Antwort vom Drucker (%1)</translation>
    </message>
</context>
<context>
    <name>DrawerActionsMixin</name>
    <message>
        <source>No cash drawer is set up at this till.</source>
        <translation>An dieser Kasse ist keine Kassenschublade eingerichtet.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Zuerst die offene Eingabe beenden oder abbrechen (Esc).</translation>
    </message>
    <message>
        <source>Give the reason for opening the drawer.</source>
        <translation>Grund für das Öffnen der Schublade angeben.</translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale? Give the reason.</source>
        <translation>Kassenschublade ohne Verkauf öffnen? Grund angeben.</translation>
    </message>
    <message>
        <source>Drawer opened (no sale), journaled.</source>
        <translation>Schublade geöffnet (ohne Verkauf), protokolliert.</translation>
    </message>
</context>
<context>
    <name>EmailReceiptBar</name>
    <message>
        <source>Email address for the receipt</source>
        <translation>E-Mail für den Bon</translation>
    </message>
    <message>
        <source>Email receipt</source>
        <translation>Bon mailen</translation>
    </message>
</context>
<context>
    <name>ExchangeMixin</name>
    <message>
        <source>Scan the receipt first.</source>
        <translation>Zuerst den Bon scannen.</translation>
    </message>
    <message>
        <source>Set the quantity coming back on a line first.</source>
        <translation>Zuerst auf einer Zeile die zurückgegebene Menge setzen.</translation>
    </message>
    <message>
        <source>Exchange: scan the new items</source>
        <translation>Umtausch: neue Artikel scannen</translation>
    </message>
    <message>
        <source>Scan the new items the customer takes.</source>
        <translation>Die neuen Artikel scannen, die der Kunde nimmt.</translation>
    </message>
    <message>
        <source>Scan the new items the customer takes first.</source>
        <translation>Zuerst die neuen Artikel scannen, die der Kunde nimmt.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>customer paid %1</source>
        <translation>Kunde hat %1 bezahlt</translation>
    </message>
    <message>
        <source>even, no money changed hands</source>
        <translation>ausgeglichen, kein Geld bewegt</translation>
    </message>
    <message>
        <source>%1 back to the customer</source>
        <translation>%1 zurück an den Kunden</translation>
    </message>
    <message>
        <source>Exchange done: %1 (sale %2, return %3).</source>
        <translation>Umtausch erledigt: %1 (Verkauf %2, Rückgabe %3).</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up this till</source>
        <translation>Diese Kasse einrichten</translation>
    </message>
    <message>
        <source>Is this till part of a chain with a hub, or a shop on its own?</source>
        <translation>Gehört diese Kasse zu einer Kette mit Zentrale oder zu einem einzelnen Laden?</translation>
    </message>
    <message>
        <source>Connect to a hub</source>
        <translation>Mit Zentrale verbinden</translation>
    </message>
    <message>
        <source>Standalone shop</source>
        <translation>Einzelner Laden</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Zentrale</translation>
    </message>
    <message>
        <source>e.g. https://hub.example.com</source>
        <translation>z. B. https://hub.example.com</translation>
    </message>
    <message>
        <source>e.g. ABCD-EFGH-JKMN</source>
        <translation>z. B. ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Adresse der Zentrale</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Registrierungscode</translation>
    </message>
    <message>
        <source>Head office gives you the code. The shop&apos;s name, prices and staff PINs then come from the hub.</source>
        <translation>Die Zentrale gibt Ihnen den Code. Ladenname, Preise und Personal-PINs kommen dann von der Zentrale.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>as printed on receipts</source>
        <translation>wie auf den Bons</translation>
    </message>
    <message>
        <source>Prices include tax (VAT)</source>
        <translation>Preise inkl. MwSt.</translation>
    </message>
    <message>
        <source>Tax added at the till</source>
        <translation>Steuer an der Kasse aufgeschlagen</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Name des Ladens</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Steuer</translation>
    </message>
    <message>
        <source>Round cash to</source>
        <translation>Bargeld runden auf</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>First manager</source>
        <translation>Erster Filialleiter</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>vollständiger Name</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 bis 8 Ziffern</translation>
    </message>
    <message>
        <source>same PIN</source>
        <translation>gleiche PIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN wiederholen</translation>
    </message>
    <message>
        <source>The manager signs in with this PIN.</source>
        <translation>Der Filialleiter meldet sich mit dieser PIN an.</translation>
    </message>
    <message>
        <source>Set up shop</source>
        <translation>Laden einrichten</translation>
    </message>
    <message>
        <source>Type the hub address.</source>
        <translation>Adresse der Zentrale eingeben.</translation>
    </message>
    <message>
        <source>Type the enrollment code.</source>
        <translation>Registrierungscode eingeben.</translation>
    </message>
    <message>
        <source>Connecting to the hub…</source>
        <translation>Verbindung zur Zentrale…</translation>
    </message>
    <message>
        <source>Setting up the shop…</source>
        <translation>Laden wird eingerichtet…</translation>
    </message>
    <message>
        <source>Could not connect: </source>
        <translation>Verbindung fehlgeschlagen: </translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>something went wrong (%1); try again</source>
        <translation>etwas ist schiefgegangen (%1); bitte erneut versuchen</translation>
    </message>
    <message>
        <source>OmniTill — set up this till</source>
        <translation>OmniTill — diese Kasse einrichten</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>No sale or return of this till matches.</source>
        <translation>Kein Verkauf und keine Rückgabe dieser Kasse passt.</translation>
    </message>
    <message>
        <source>%1 shown, newest first; F8 shows older ones.</source>
        <translation>%1 angezeigt, neueste zuerst; F8 zeigt ältere.</translation>
    </message>
    <message>
        <source>%1 shown, newest first.</source>
        <translation>%1 angezeigt, neueste zuerst.</translation>
    </message>
    <message>
        <source>Choose a sale to reprint first.</source>
        <translation>Zuerst einen Verkauf zum Nachdrucken wählen.</translation>
    </message>
    <message>
        <source>This till has no receipt printer.</source>
        <translation>Diese Kasse hat keinen Bondrucker.</translation>
    </message>
    <message>
        <source>Printing a copy of %1…</source>
        <translation>Kopie von %1 wird gedruckt…</translation>
    </message>
    <message>
        <source>%1: a copy marked DUPLICATE was printed.</source>
        <translation>%1: eine Kopie mit dem Vermerk DUPLIKAT wurde gedruckt.</translation>
    </message>
    <message>
        <source>%1: the copy waits in the print queue (%2).</source>
        <translation>%1: die Kopie wartet in der Druckwarteschlange (%2).</translation>
    </message>
    <message>
        <source>printer not ready</source>
        <translation>Drucker nicht bereit</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>Das hat nicht geklappt: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Sale history</source>
        <translation>Verkaufsverlauf</translation>
    </message>
    <message>
        <source>Receipt number, date (2026-03-02) or amount (12.50); Enter searches</source>
        <translation>Bonnummer, Datum (2026-03-02) oder Betrag (12.50); Enter sucht</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Reprint (copy)</source>
        <translation>Nachdruck (Kopie)</translation>
    </message>
    <message>
        <source>Older sales</source>
        <translation>Ältere</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
</context>
<context>
    <name>HubReceiptsController</name>
    <message>
        <source>Asking the hub…</source>
        <translation>Zentrale wird gefragt…</translation>
    </message>
    <message>
        <source>No sale with receipt number %1 at this till or at the hub. Check the number, or return it without a receipt.</source>
        <translation>Kein Verkauf mit Bonnummer %1 an dieser Kasse oder in der Zentrale. Nummer prüfen oder ohne Bon zurücknehmen.</translation>
    </message>
</context>
<context>
    <name>HubReviewBanner</name>
    <message>
        <source>Seen (manager)</source>
        <translation>Gesehen (Filialleiter)</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalMixin</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Approved by %1.</source>
        <translation>Freigegeben von %1.</translation>
    </message>
</context>
<context>
    <name>NoReceiptMixin</name>
    <message>
        <source>Store credit only, and a manager approves. Scan the items coming back.</source>
        <translation>Nur Guthaben, ein Filialleiter gibt frei. Die zurückgegebenen Artikel scannen.</translation>
    </message>
</context>
<context>
    <name>ParkedPanel</name>
    <message>
        <source>Parked baskets</source>
        <translation>Geparkte Warenkörbe</translation>
    </message>
    <message>
        <source>No basket is parked.</source>
        <translation>Kein Warenkorb geparkt.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>%1  %2 · %3 lines%4</source>
        <translation>%1  %2 · %3 Zeilen%4</translation>
    </message>
</context>
<context>
    <name>PrinterSimPanel</name>
    <message>
        <source>Parsed from the ESC/POS bytes received at %1</source>
        <translation>Aus den ESC/POS-Bytes dekodiert, empfangen auf %1</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>Papier leer</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>Deckel offen</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Nothing printed yet.</source>
        <translation>Noch nichts gedruckt.</translation>
    </message>
    <message>
        <source>Drawer kicks</source>
        <translation>Schubladenöffnungen</translation>
    </message>
    <message>
        <source>Customer display (2×20)</source>
        <translation>Kundenanzeige (2×20)</translation>
    </message>
    <message>
        <source>──── receipt %1 ────</source>
        <translation>──── Bon %1 ────</translation>
    </message>
    <message>
        <source>Kick %1: pin %2, %3 ms</source>
        <translation>Öffnung %1: Pin %2, %3 ms</translation>
    </message>
    <message>
        <source>Printer (simulated)</source>
        <translation>Drucker (simuliert)</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Reason (required)</source>
        <translation>Grund (Pflicht)</translation>
    </message>
    <message>
        <source>OK
Enter</source>
        <translation>OK
Enter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <source>%1: what is the reason? (required)</source>
        <translation>%1: Grund (Pflicht)</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>CHANGE</source>
        <translation>RÜCKGELD</translation>
    </message>
    <message>
        <source>Scan the next customer&apos;s first item, or press F12.</source>
        <translation>Ersten Artikel des nächsten Kunden scannen oder F12 drücken.</translation>
    </message>
    <message>
        <source>Reprint last receipt</source>
        <translation>Letzten Bon nachdrucken</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>Nächster Kunde</translation>
    </message>
    <message>
        <source>No printer is set up: the receipt is kept in the journal.</source>
        <translation>Kein Drucker eingerichtet: der Bon bleibt im Journal.</translation>
    </message>
    <message>
        <source>Printing the receipt…</source>
        <translation>Bon wird gedruckt…</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Bon gedruckt.</translation>
    </message>
    <message>
        <source>Not printed yet (%1): it waits and prints when the printer is back.</source>
        <translation>Noch nicht gedruckt (%1): er wartet und wird gedruckt, sobald der Drucker zurück ist.</translation>
    </message>
    <message>
        <source>Printing a copy…</source>
        <translation>Kopie wird gedruckt…</translation>
    </message>
    <message>
        <source>Sale %s completed.</source>
        <translation>Verkauf %s abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>ReturnsController</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Zuerst die offene Eingabe beenden oder abbrechen (Esc).</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Nicht möglich: %1</translation>
    </message>
    <message>
        <source>Scan or type the receipt number.</source>
        <translation>Bonnummer scannen oder eingeben.</translation>
    </message>
    <message>
        <source>Everything on this receipt came back.</source>
        <translation>Alles auf diesem Bon wurde schon zurückgegeben.</translation>
    </message>
    <message>
        <source>Checked with the hub: the items come back into this store&apos;s stock.</source>
        <translation>Mit der Zentrale geprüft: die Artikel gehen in den Bestand dieses Ladens.</translation>
    </message>
    <message>
        <source>Scan the receipt first.</source>
        <translation>Zuerst den Bon scannen.</translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation>Zuerst auf einer Zeile die Rückgabemenge setzen.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Zuerst anmelden.</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>ohne Bon</translation>
    </message>
    <message>
        <source>%1 in cash (drawer open)</source>
        <translation>%1 in bar (Schublade offen)</translation>
    </message>
    <message>
        <source>%1 to the card</source>
        <translation>%1 auf die Karte</translation>
    </message>
    <message>
        <source>%1 as store credit %2</source>
        <translation>%1 als Guthaben %2</translation>
    </message>
    <message>
        <source>Refunded %1 (return %2).</source>
        <translation>%1 erstattet (Rückgabe %2).</translation>
    </message>
    <message>
        <source>Return on receipt %1</source>
        <translation>Rückgabe zu Bon %1</translation>
    </message>
    <message>
        <source>A manager must approve this return</source>
        <translation>Ein Filialleiter muss diese Rückgabe freigeben</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN Filialleiter</translation>
    </message>
    <message>
        <source>Not approved: nothing was refunded.</source>
        <translation>Nicht freigegeben: nichts wurde erstattet.</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Changed mind</source>
        <translation>Meinung geändert</translation>
    </message>
    <message>
        <source>Wrong size</source>
        <translation>Falsche Größe</translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Damaged on arrival</source>
        <translation>Bei Lieferung beschädigt</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>Nicht wie beschrieben</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Unopened</source>
        <translation>Ungeöffnet</translation>
    </message>
    <message>
        <source>Opened, resaleable</source>
        <translation>Geöffnet, verkäuflich</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Scan or type the receipt number</source>
        <translation>Bonnummer scannen oder eingeben</translation>
    </message>
    <message>
        <source>Returns: scan the receipt</source>
        <translation>Rückgabe: Bon scannen</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Verkauft</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>Rückgebbar</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>Neuer Artikel</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstatten</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Store credit instead</source>
        <translation>Stattdessen Guthaben</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Umtausch</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>Ohne Bon</translation>
    </message>
    <message>
        <source>Remove last new item</source>
        <translation>Letzten neuen Artikel entfernen</translation>
    </message>
    <message>
        <source>Card: refund on the terminal, then type what it printed</source>
        <translation>Karte: am Terminal erstatten, dann den Beleg abtippen</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Autorisierungscode</translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation>Letzte 4</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Last 4 digits</source>
        <translation>Letzte 4 Ziffern</translation>
    </message>
    <message>
        <source>Customer ID (only the last 4 characters are kept)</source>
        <translation>Ausweis des Kunden (nur die letzten 4 Zeichen werden gespeichert)</translation>
    </message>
    <message>
        <source>Driving licence</source>
        <translation>Führerschein</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Reisepass</translation>
    </message>
    <message>
        <source>National ID card</source>
        <translation>Personalausweis</translation>
    </message>
    <message>
        <source>Other photo ID</source>
        <translation>Anderer Lichtbildausweis</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Ausweisnummer</translation>
    </message>
    <message>
        <source>No receipt: scan the items coming back</source>
        <translation>Ohne Bon: die zurückgegebenen Artikel scannen</translation>
    </message>
    <message>
        <source>No receipt: scan the items</source>
        <translation>Ohne Bon: Artikel scannen</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Refund %1: %2</source>
        <translation>%1 erstatten: %2</translation>
    </message>
    <message>
        <source>Rounding %1</source>
        <translation>Rundung %1</translation>
    </message>
    <message>
        <source>Refund to card</source>
        <translation>Auf Karte erstatten</translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation>Bar erstatten</translation>
    </message>
    <message>
        <source>Refund card + cash</source>
        <translation>Karte + bar erstatten</translation>
    </message>
    <message>
        <source>Refund store credit</source>
        <translation>Als Guthaben erstatten</translation>
    </message>
    <message>
        <source>Scan the receipt number</source>
        <translation>Bonnummer scannen</translation>
    </message>
    <message>
        <source>Exchange: scan the new items the customer takes</source>
        <translation>Umtausch: die neuen Artikel scannen, die der Kunde nimmt</translation>
    </message>
    <message>
        <source>Complete exchange</source>
        <translation>Umtausch abschließen</translation>
    </message>
    <message>
        <source>Back %1 · New %2 · </source>
        <translation>Rückgabe %1 · Neu %2 · </translation>
    </message>
    <message>
        <source>Customer pays %1</source>
        <translation>Kunde zahlt %1</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Kassieren</translation>
    </message>
    <message>
        <source>Even exchange: no money changes hands</source>
        <translation>Ausgeglichener Umtausch: kein Geld bewegt</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>bar</translation>
    </message>
    <message>
        <source>card</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Customer gets %1 back</source>
        <translation>Kunde erhält %1 zurück</translation>
    </message>
    <message>
        <source>Refund difference</source>
        <translation>Differenz erstatten</translation>
    </message>
    <message>
        <source>Receipt %1 — %2</source>
        <translation>Bon %1 — %2</translation>
    </message>
    <message>
        <source>No receipt — today&apos;s prices, store credit only, manager approves</source>
        <translation>Ohne Bon — heutige Preise, nur Guthaben, Filialleiter gibt frei</translation>
    </message>
    <message>
        <source>Sale of %1</source>
        <translation>Verkauf vom %1</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>The order from another store was dropped.</source>
        <translation>Die Bestellung bei einem anderen Laden wurde verworfen.</translation>
    </message>
    <message numerus="yes">
        <source> %n attempt(s) left.</source>
        <translation>
            <numerusform> Noch %n Versuch.</numerusform>
            <numerusform> Noch %n Versuche.</numerusform>
        </translation>
    </message>
    <message>
        <source>The basket in progress could not be restored: %s</source>
        <translation>Der offene Warenkorb konnte nicht wiederhergestellt werden: %s</translation>
    </message>
    <message numerus="yes">
        <source>The basket in progress is back (%n line(s), rung by %2).</source>
        <translation>
            <numerusform>Der offene Warenkorb ist zurück (%n Zeile, erfasst von %2).</numerusform>
            <numerusform>Der offene Warenkorb ist zurück (%n Zeilen, erfasst von %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>at sign-out</source>
        <translation>bei der Abmeldung</translation>
    </message>
    <message>
        <source>Locked after inactivity.</source>
        <translation>Nach Inaktivität gesperrt.</translation>
    </message>
    <message>
        <source>Finish or go back from the payment before scanning.</source>
        <translation>Vor dem Scannen die Zahlung abschließen oder verlassen.</translation>
    </message>
    <message>
        <source>That scan was too long to be a barcode (over %1 characters); nothing was added. Scan the item again.</source>
        <translation>Dieser Scan war zu lang für einen Barcode (über %1 Zeichen); nichts wurde hinzugefügt. Artikel erneut scannen.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Zuerst die offene Eingabe beenden oder abbrechen (Esc).</translation>
    </message>
    <message>
        <source>Enter the weight in kg, e.g. 0.750.</source>
        <translation>Gewicht in kg eingeben, z. B. 0.750.</translation>
    </message>
    <message>
        <source>Weight of %s in kg</source>
        <translation>Gewicht von %s in kg</translation>
    </message>
    <message>
        <source>There is nothing to park: the basket is empty.</source>
        <translation>Nichts zu parken: der Warenkorb ist leer.</translation>
    </message>
    <message>
        <source>Basket parked (%s). Resume it with F8.</source>
        <translation>Warenkorb geparkt (%s). Mit F8 fortsetzen.</translation>
    </message>
    <message>
        <source>Park, void or finish this basket before resuming another.</source>
        <translation>Diesen Warenkorb parken, stornieren oder abschließen, bevor ein anderer fortgesetzt wird.</translation>
    </message>
    <message>
        <source>Basket resumed.</source>
        <translation>Warenkorb fortgesetzt.</translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation>Der Warenkorb ist leer: zuerst einen Artikel scannen.</translation>
    </message>
    <message>
        <source>The sale was not recorded: %s</source>
        <translation>Der Verkauf wurde nicht gespeichert: %s</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Zeile löschen</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Zeilenrabatt</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Basket discount</source>
        <translation>Korbrabatt</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Parken</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Void basket</source>
        <translation>Korb stornieren</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>No sale (drawer)</source>
        <translation>Schublade öffnen</translation>
    </message>
    <message>
        <source>Click &amp;&amp; collect</source>
        <translation>Click &amp;&amp; Collect</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Rückgaben</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Gutschein</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>PAY</source>
        <translation>BEZAHLEN</translation>
    </message>
</context>
<context>
    <name>SalesTableModel</name>
    <message>
        <source>Date and time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Bon</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Kassierer</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Verkauf</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rückgabe</translation>
    </message>
    <message>
        <source>(offline)</source>
        <translation>(offline)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search name or SKU, or key in a barcode  (F2)</source>
        <translation>Name oder Artikelnr. suchen oder Barcode eintippen  (F2)</translation>
    </message>
    <message>
        <source> /kg</source>
        <translation> /kg</translation>
    </message>
</context>
<context>
    <name>ShiftsController</name>
    <message>
        <source>Paid in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>Tresorabschöpfung</translation>
    </message>
    <message>
        <source>No sale (open the drawer)</source>
        <translation>Ohne Verkauf (Schublade öffnen)</translation>
    </message>
    <message>
        <source>Selling needs an open shift: count your float to start.</source>
        <translation>Verkaufen erfordert eine offene Schicht: zählen Sie zuerst Ihren Anfangsbestand.</translation>
    </message>
    <message>
        <source>Till %1: no shift open</source>
        <translation>Kasse %1: keine Schicht offen</translation>
    </message>
    <message>
        <source>Till %1: shift %2, opened %3 by %4</source>
        <translation>Kasse %1: Schicht %2, geöffnet %3 von %4</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>Das hat nicht geklappt: %1</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Zuerst anmelden.</translation>
    </message>
    <message>
        <source>Blind count: count the drawer. What the till expects shows once confirmed.</source>
        <translation>Blindzählung: die Schublade zählen. Der Sollbetrag erscheint nach der Bestätigung.</translation>
    </message>
    <message>
        <source>Count the opening float.</source>
        <translation>Den Anfangsbestand zählen.</translation>
    </message>
    <message>
        <source>Shift opened.</source>
        <translation>Schicht geöffnet.</translation>
    </message>
    <message>
        <source>Shift closed: Z %1.</source>
        <translation>Schicht geschlossen: Z %1.</translation>
    </message>
    <message>
        <source>No Z report has been closed on this till yet.</source>
        <translation>An dieser Kasse wurde noch kein Z-Bericht abgeschlossen.</translation>
    </message>
    <message>
        <source>No receipt printer: the report is on screen.</source>
        <translation>Kein Bondrucker: der Bericht ist am Bildschirm.</translation>
    </message>
    <message>
        <source>The report did not print (%1): it is on screen; print it again later.</source>
        <translation>Der Bericht wurde nicht gedruckt (%1): er ist am Bildschirm; später erneut drucken.</translation>
    </message>
    <message>
        <source>Exported %1.csv and .pdf</source>
        <translation>%1.csv und .pdf exportiert</translation>
    </message>
    <message>
        <source>%1 %2 — choose a reason</source>
        <translation>%1 %2 — Grund wählen</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Einen Grund wählen.</translation>
    </message>
    <message>
        <source>%1 may not open the drawer without a sale.</source>
        <translation>%1 darf die Schublade nicht ohne Verkauf öffnen.</translation>
    </message>
    <message>
        <source>%1 recorded.</source>
        <translation>%1 gebucht.</translation>
    </message>
</context>
<context>
    <name>ShiftsPage</name>
    <message>
        <source>Open shift</source>
        <translation>Schicht öffnen</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>X-Bericht</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Einlage</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Entnahme</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>Tresorabschöpfung</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Ohne Verkauf</translation>
    </message>
    <message>
        <source>Close shift (blind)</source>
        <translation>Schichtende (blind)</translation>
    </message>
    <message>
        <source>Reprint last Z</source>
        <translation>Z nachdrucken</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Card terminal batch total (optional)</source>
        <translation>Tagessumme Kartenterminal (optional)</translation>
    </message>
    <message>
        <source>Confirm count</source>
        <translation>Zählung bestätigen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN Filialleiter</translation>
    </message>
    <message>
        <source>Approve and close</source>
        <translation>Freigeben und schließen</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>Export CSV + PDF</source>
        <translation>CSV + PDF exportieren</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Esc or Ctrl+/ closes this list.</source>
        <translation>Esc oder Ctrl+/ schließt diese Liste.</translation>
    </message>
    <message>
        <source>this list</source>
        <translation>diese Liste</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Enter your PIN or scan your badge</source>
        <translation>PIN eingeben / Ausweis scannen</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>Zuerst die PIN eingeben.</translation>
    </message>
</context>
<context>
    <name>StockController</name>
    <message>
        <source>Scan or search an item first, then press Stock.</source>
        <translation>Zuerst einen Artikel scannen oder suchen, dann Bestand drücken.</translation>
    </message>
    <message>
        <source>Scan the item into the basket first, then press Stock on its line.</source>
        <translation>Zuerst den Artikel in den Warenkorb scannen, dann Bestand auf seiner Zeile drücken.</translation>
    </message>
    <message>
        <source>Choose another store or the warehouse.</source>
        <translation>Einen anderen Laden oder das Lager wählen.</translation>
    </message>
    <message>
        <source>%1 has none to sell. Choose a location with stock.</source>
        <translation>%1 hat keinen verkäuflichen Bestand. Einen Ort mit Bestand wählen.</translation>
    </message>
    <message>
        <source>Take payment as usual.</source>
        <translation>Wie gewohnt kassieren.</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Stock</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Vorrätig</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Customer e-mail</source>
        <translation>E-Mail des Kunden</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Delivery address (delivery only)</source>
        <translation>Lieferadresse (nur bei Lieferung)</translation>
    </message>
    <message>
        <source>Order: pickup there</source>
        <translation>Dort abholen</translation>
    </message>
    <message>
        <source>Order: deliver</source>
        <translation>Liefern lassen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Stock of %1 (%2)</source>
        <translation>Bestand von %1 (%2)</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Frage bei der Zentrale an…</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1 (dieser Laden)</translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation>Sync: eigenständig</translation>
    </message>
    <message>
        <source>Sync: connecting…</source>
        <translation>Sync: verbindet…</translation>
    </message>
    <message>
        <source>Sync: online</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <source>Sync: OFFLINE since %1</source>
        <translation>Sync: OFFLINE seit %1</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>%1 to send</source>
        <translation>%1 zu senden</translation>
    </message>
    <message>
        <source>catalog: %1 updates</source>
        <translation>Katalog: %1 Änderungen</translation>
    </message>
    <message>
        <source>%1 refused by hub — manager</source>
        <translation>%1 von der Zentrale abgelehnt — Filialleiter</translation>
    </message>
    <message>
        <source>last sync %1 min ago</source>
        <translation>letzter Sync vor %1 Min.</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <source>Total due</source>
        <translation>Zu zahlen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Bar</translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation>Erhaltenes Bargeld</translation>
    </message>
    <message>
        <source>Add cash
(Enter)</source>
        <translation>Bar hinzufügen
(Enter)</translation>
    </message>
    <message>
        <source>Card (payment terminal)</source>
        <translation>Karte (Zahlungsterminal)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Autorisierung</translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation>Letzte 4</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>Kartenart</translation>
    </message>
    <message>
        <source>Add card payment</source>
        <translation>Kartenzahlung hinzufügen</translation>
    </message>
    <message>
        <source>Store credit / gift card</source>
        <translation>Guthaben / Geschenkkarte</translation>
    </message>
    <message>
        <source>Needs the hub, which is not connected yet.</source>
        <translation>Braucht die Zentrale, die noch nicht verbunden ist.</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Remove last payment</source>
        <translation>Letzte Zahlung entfernen</translation>
    </message>
    <message>
        <source>Back to basket</source>
        <translation>Zurück zum Warenkorb</translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation>Verkauf abschließen</translation>
    </message>
    <message>
        <source>Completing the sale…</source>
        <translation>Verkauf wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Total %1 · Rounded %2</source>
        <translation>Summe %1 · Gerundet %2</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>RÜCKGELD</translation>
    </message>
    <message>
        <source>Exact %s</source>
        <translation>Passend %s</translation>
    </message>
    <message>
        <source>In cash %1 · Rounding %2</source>
        <translation>In bar %1 · Rundung %2</translation>
    </message>
    <message>
        <source>%s is not an amount.</source>
        <translation>%s ist kein Betrag.</translation>
    </message>
    <message>
        <source>Enter the card amount.</source>
        <translation>Kartenbetrag eingeben.</translation>
    </message>
    <message>
        <source>%s is still to pay.</source>
        <translation>%s ist noch offen.</translation>
    </message>
</context>
<context>
    <name>TextKeyboard</name>
    <message>
        <source>Space</source>
        <translation>Leertaste</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>OFFLINE — sales are kept and sent later</source>
        <translation>OFFLINE — Verkäufe werden gespeichert und später gesendet</translation>
    </message>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation>Sync: eigenständig</translation>
    </message>
    <message>
        <source>%1 · till %2</source>
        <translation>%1 · Kasse %2</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>Kein Drucker</translation>
    </message>
    <message>
        <source>Printer OK</source>
        <translation>Drucker OK</translation>
    </message>
    <message>
        <source>Printer: checking…</source>
        <translation>Drucker: Prüfung…</translation>
    </message>
    <message>
        <source>Printer: PAPER OUT</source>
        <translation>Drucker: PAPIER LEER</translation>
    </message>
    <message>
        <source>Printer: COVER OPEN</source>
        <translation>Drucker: DECKEL OFFEN</translation>
    </message>
    <message>
        <source>Printer OFFLINE</source>
        <translation>Drucker OFFLINE</translation>
    </message>
    <message>
        <source>1 receipt waiting to print</source>
        <translation>1 Bon wartet auf Druck</translation>
    </message>
    <message numerus="yes">
        <source>%n receipts waiting to print</source>
        <translation>
            <numerusform>%n Bon wartet auf Druck</numerusform>
            <numerusform>%n Bons warten auf Druck</numerusform>
        </translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Schublade</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Click: show or hide %1</source>
        <translation>Klick: %1 ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>OmniTill</source>
        <translation>OmniTill</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>TOTAL</source>
        <translation>SUMME</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Promotions (you save)</source>
        <translation>Aktionen (Sie sparen)</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Rabatte</translation>
    </message>
    <message>
        <source>incl. %s</source>
        <translation>inkl. %s</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebOrderBar</name>
    <message>
        <source>Web order number or customer email</source>
        <translation>Online-Bestellnummer oder Kunden-E-Mail</translation>
    </message>
    <message>
        <source>Find web order</source>
        <translation>Online-Bestellung suchen</translation>
    </message>
    <message>
        <source>Find web order (%1)</source>
        <translation>Online-Bestellung (%1)</translation>
    </message>
</context>
<context>
    <name>WebReturnsController</name>
    <message>
        <source>A manager must sign in to mark these as seen.</source>
        <translation>Ein Filialleiter muss sich anmelden, um sie als gesehen zu markieren.</translation>
    </message>
    <message>
        <source>Type the web order number or the customer&apos;s email.</source>
        <translation>Online-Bestellnummer oder E-Mail des Kunden eingeben.</translation>
    </message>
    <message>
        <source>The hub cannot be reached.</source>
        <translation>Die Zentrale ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Zentrale wird gefragt…</translation>
    </message>
    <message>
        <source>The hub did not answer.</source>
        <translation>Die Zentrale hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>No web order %1 at the hub. Check the number, or try the email.</source>
        <translation>Keine Online-Bestellung %1 in der Zentrale. Nummer prüfen oder die E-Mail versuchen.</translation>
    </message>
    <message>
        <source>Offline return: a manager must approve it, and head office will review it when the till is back online.</source>
        <translation>Offline-Rückgabe: ein Filialleiter muss sie freigeben, und die Zentrale prüft sie, sobald die Kasse wieder online ist.</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>online bezahlt</translation>
    </message>
    <message>
        <source>paid in store</source>
        <translation>im Laden bezahlt</translation>
    </message>
    <message>
        <source>Web order %1 — %2</source>
        <translation>Online-Bestellung %1 — %2</translation>
    </message>
    <message>
        <source>Refund to card online</source>
        <translation>Online auf Karte erstatten</translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation>Bar erstatten</translation>
    </message>
    <message>
        <source>Everything in this order came back already.</source>
        <translation>Alles aus dieser Bestellung wurde schon zurückgegeben.</translation>
    </message>
    <message>
        <source>An order of store %1: the items come back into this store&apos;s stock.</source>
        <translation>Eine Bestellung von Laden %1: die Artikel gehen in den Bestand dieses Ladens.</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Nicht möglich: %1</translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation>Zuerst auf einer Zeile die Rückgabemenge setzen.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Zuerst anmelden.</translation>
    </message>
    <message>
        <source>Web order %1 returned: give the customer the receipt.</source>
        <translation>Online-Bestellung %1 zurückgenommen: dem Kunden den Bon geben.</translation>
    </message>
    <message>
        <source>Refunded %1 in cash</source>
        <translation>%1 bar erstattet</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>A manager must approve this web-order return</source>
        <translation>Ein Filialleiter muss diese Online-Rückgabe freigeben</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN Filialleiter</translation>
    </message>
</context>
</TS>
