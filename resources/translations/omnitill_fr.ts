<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ApprovalsMixin</name>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation>%1 — validation d&apos;un responsable requise&#xa0;: %2</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
</context>
<context>
    <name>BasketEditsMixin</name>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Approved by %s.</source>
        <translation>Validé par %s.</translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation>%1 — validation d&apos;un responsable requise&#xa0;: %2</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation>Le panier est vide&#xa0;: scannez d&apos;abord un article.</translation>
    </message>
    <message>
        <source>Enter a quantity.</source>
        <translation>Saisissez une quantité.</translation>
    </message>
    <message>
        <source>Quantity of %s</source>
        <translation>Quantité de %s</translation>
    </message>
    <message>
        <source>Removed %s.</source>
        <translation>%s supprimé.</translation>
    </message>
    <message>
        <source>Enter 10 or 10% for a percentage, 2.00 for an amount.</source>
        <translation>Saisissez 10 ou 10% pour un pourcentage, 2.00 pour un montant.</translation>
    </message>
    <message>
        <source>Discount on %1: 10% or an amount like 2.00</source>
        <translation>Remise sur %1&#xa0;: 10% ou un montant comme 2.00</translation>
    </message>
    <message>
        <source>Enter 10% for a percentage or 5.00 for an amount.</source>
        <translation>Saisissez 10% pour un pourcentage ou 5.00 pour un montant.</translation>
    </message>
    <message>
        <source>Basket discount: 10% or an amount</source>
        <translation>Remise panier&#xa0;: 10% ou un montant</translation>
    </message>
    <message>
        <source>Enter the new price.</source>
        <translation>Saisissez le nouveau prix.</translation>
    </message>
    <message>
        <source>New unit price of %s</source>
        <translation>Nouveau prix unitaire de %s</translation>
    </message>
    <message>
        <source>The basket is already empty.</source>
        <translation>Le panier est déjà vide.</translation>
    </message>
    <message>
        <source>Give a reason to void the basket.</source>
        <translation>Indiquez un motif pour annuler le panier.</translation>
    </message>
    <message>
        <source>Void the whole basket? Give the reason.</source>
        <translation>Annuler tout le panier&#xa0;? Indiquez le motif.</translation>
    </message>
</context>
<context>
    <name>BasketTableModel</name>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>(price changed)</source>
        <translation>(prix modifié)</translation>
    </message>
    <message>
        <source>Price changed: %s</source>
        <translation>Prix modifié&#xa0;: %s</translation>
    </message>
</context>
<context>
    <name>CollectionsController</name>
    <message>
        <source>  ·  %1 new</source>
        <translation>  ·  %1 nouvelles</translation>
    </message>
    <message>
        <source>  ⚠%1</source>
        <translation>  ⚠%1</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Choose an order first.</source>
        <translation>Choisissez d&apos;abord une commande.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>No order matches %1.</source>
        <translation>Aucune commande ne correspond à %1.</translation>
    </message>
    <message>
        <source>Picking: scan each item.</source>
        <translation>Préparation&#xa0;: scannez chaque article.</translation>
    </message>
    <message>
        <source>Touch the line that is short first.</source>
        <translation>Touchez d&apos;abord la ligne manquante.</translation>
    </message>
    <message>
        <source>Marked short: the hub decides refund or substitute.</source>
        <translation>Marqué manquant&#xa0;: le siège décide du remboursement ou du remplacement.</translation>
    </message>
    <message>
        <source>This till has no receipt printer: pick from the screen.</source>
        <translation>Cette caisse n&apos;a pas d&apos;imprimante de tickets&#xa0;: préparez depuis l&apos;écran.</translation>
    </message>
    <message>
        <source>Printing the pick list…</source>
        <translation>Impression de la liste de préparation…</translation>
    </message>
    <message>
        <source>Pick list of %1 printed.</source>
        <translation>Liste de préparation de %1 imprimée.</translation>
    </message>
    <message>
        <source>the printer does not answer</source>
        <translation>l&apos;imprimante ne répond pas</translation>
    </message>
    <message>
        <source>Pick list not printed: %1. It prints by itself when the printer is back.</source>
        <translation>Liste de préparation non imprimée&#xa0;: %1. Elle s&apos;imprimera quand l&apos;imprimante sera de retour.</translation>
    </message>
    <message>
        <source>Ready: stick the label on the bag.</source>
        <translation>Prête&#xa0;: collez l&apos;étiquette sur le sac.</translation>
    </message>
    <message>
        <source>All items picked. Next: Ready + label (F5) or Enter.</source>
        <translation>Tout est préparé. Ensuite&#xa0;: Prête+étiq. (F5) ou Entrée.</translation>
    </message>
    <message>
        <source>Check the customer&apos;s ID or pickup code, then note it here.</source>
        <translation>Vérifiez la pièce d&apos;identité ou le code de retrait, puis notez-le ici.</translation>
    </message>
    <message>
        <source>This till cannot take payments.</source>
        <translation>Cette caisse ne peut pas encaisser.</translation>
    </message>
    <message>
        <source>Pay for order %1 · %2</source>
        <translation>Encaisser la commande %1 · %2</translation>
    </message>
    <message>
        <source>Take payment and hand over</source>
        <translation>Encaisser et remettre</translation>
    </message>
    <message>
        <source>Back to order</source>
        <translation>Retour à la commande</translation>
    </message>
    <message>
        <source>Recording the payment and the hand-over…</source>
        <translation>Enregistrement du paiement et de la remise…</translation>
    </message>
    <message>
        <source>Shipped: the order is closed and the customer told.</source>
        <translation>Expédiée&#xa0;: commande close, client prévenu.</translation>
    </message>
    <message>
        <source>Not paid: nothing was handed over.</source>
        <translation>Non payé&#xa0;: rien n&apos;a été remis.</translation>
    </message>
    <message>
        <source>Handed over: the receipt is printing.</source>
        <translation>Remis&#xa0;: le ticket s&apos;imprime.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message numerus="yes">
        <source>Expired %n overdue order(s).</source>
        <translation>
            <numerusform>%n commande en retard expirée.</numerusform>
            <numerusform>%n commandes en retard expirées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Expire late orders</source>
        <translation>Expirer les commandes en retard</translation>
    </message>
    <message>
        <source>Mark order %1 reviewed</source>
        <translation>Marquer la commande %1 comme vérifiée</translation>
    </message>
    <message>
        <source>Reviewed.</source>
        <translation>Vérifiée.</translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prête</translation>
    </message>
    <message>
        <source>Part collected</source>
        <translation>Retrait partiel</translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation>Retirée aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Shipped today</source>
        <translation>Expédiée aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <source>Scan QR / type order no., name, email or phone</source>
        <translation>Scannez le QR / saisissez n° de commande, nom, e-mail ou téléphone</translation>
    </message>
    <message>
        <source>Choose an order on the left</source>
        <translation>Choisissez une commande à gauche</translation>
    </message>
    <message>
        <source>Dept.</source>
        <translation>Rayon</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Commandé</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Préparé</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Manquant</translation>
    </message>
    <message>
        <source>Give now</source>
        <translation>À remettre</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>À RENDRE</translation>
    </message>
    <message>
        <source>Note: ID checked / who collects / cancel reason</source>
        <translation>Note&#xa0;: pièce vérifiée / qui retire / motif d&apos;annulation</translation>
    </message>
    <message>
        <source>Parcel tracking no. (optional): type or scan</source>
        <translation>N° de suivi du colis (facultatif)&#xa0;: saisir ou scanner</translation>
    </message>
    <message>
        <source>Start pick</source>
        <translation>Préparer</translation>
    </message>
    <message>
        <source>Line short</source>
        <translation>Manque</translation>
    </message>
    <message>
        <source>Ready + label</source>
        <translation>Prête+étiq.</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Remettre</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Expire late</source>
        <translation>Expirer</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Vérifiée</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Revenir</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>NEEDS REVIEW: %1</source>
        <translation>À VÉRIFIER&#xa0;: %1</translation>
    </message>
    <message>
        <source>⚠ CHECK</source>
        <translation>⚠ VÉRIFIER</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>EN RETARD</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>payée</translation>
    </message>
    <message>
        <source>PAY IN STORE</source>
        <translation>À PAYER EN MAGASIN</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n item(s) · %2</source>
        <translation>
            <numerusform>%1 · %n article · %2</numerusform>
            <numerusform>%1 · %n articles · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>no address</source>
        <translation>pas d&apos;adresse</translation>
    </message>
    <message>
        <source>DELIVER TO %1</source>
        <translation>À LIVRER À %1</translation>
    </message>
    <message>
        <source>due by %1</source>
        <translation>à retirer avant %1</translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation>Payée en ligne</translation>
    </message>
    <message>
        <source> · picking: %1</source>
        <translation> · préparation&#xa0;: %1</translation>
    </message>
    <message>
        <source> · OVERDUE</source>
        <translation> · EN RETARD</translation>
    </message>
    <message>
        <source>DELIVER TO: %1</source>
        <translation>À LIVRER À&#xa0;: %1</translation>
    </message>
    <message>
        <source> · tracking %1</source>
        <translation> · suivi %1</translation>
    </message>
    <message>
        <source>%1 taken</source>
        <translation>%1 pris</translation>
    </message>
</context>
<context>
    <name>CountView</name>
    <message>
        <source>count of %1</source>
        <translation>nombre de %1</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>Compté&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>CouponEntry</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Terminez ou annulez d&apos;abord la saisie en cours (Esc).</translation>
    </message>
    <message>
        <source>Coupon code (type or scan)</source>
        <translation>Code du bon de réduction (saisir ou scanner)</translation>
    </message>
    <message>
        <source>Checking coupon %s…</source>
        <translation>Vérification du bon %s…</translation>
    </message>
    <message>
        <source>Nothing in the basket qualifies yet.</source>
        <translation>Rien dans le panier n&apos;y donne encore droit.</translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <source>Offline — from this till&apos;s recent customers.</source>
        <translation>Hors ligne — parmi les clients récents de cette caisse.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Terminez ou annulez d&apos;abord la saisie en cours (Esc).</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>No customer found. Create one with “New customer”.</source>
        <translation>Aucun client trouvé. Créez-en un avec «&#xa0;Nouveau client&#xa0;».</translation>
    </message>
    <message>
        <source>The hub refused the look-up: %s</source>
        <translation>Le siège a refusé la recherche&#xa0;: %s</translation>
    </message>
    <message>
        <source>Not among them: create the customer (it is queued).</source>
        <translation>Absent de la liste&#xa0;: créez le client (il sera envoyé plus tard).</translation>
    </message>
    <message>
        <source>Created at this till: its history shows once the hub has it.</source>
        <translation>Créé à cette caisse&#xa0;: son historique s&apos;affichera quand le siège l&apos;aura reçu.</translation>
    </message>
    <message>
        <source>Loading recent orders…</source>
        <translation>Chargement des commandes récentes…</translation>
    </message>
    <message>
        <source>Offline — recent orders and store credit need the hub.</source>
        <translation>Hors ligne — les commandes récentes et l&apos;avoir nécessitent le siège.</translation>
    </message>
    <message>
        <source>Recent orders unavailable: %s</source>
        <translation>Commandes récentes indisponibles&#xa0;: %s</translation>
    </message>
    <message>
        <source>%s attached to this sale.</source>
        <translation>%s associé à cette vente.</translation>
    </message>
    <message>
        <source>%s detached.</source>
        <translation>%s dissocié.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>%s — press Attach to use that customer.</source>
        <translation>%s — appuyez sur Associer pour utiliser ce client.</translation>
    </message>
    <message>
        <source>The hub refused the new customer: %s</source>
        <translation>Le siège a refusé le nouveau client&#xa0;: %s</translation>
    </message>
    <message>
        <source>Offline: %s created at this till and attached; the hub gets it when the connection is back.</source>
        <translation>Hors ligne&#xa0;: %s créé à cette caisse et associé&#xa0;; le siège le recevra au retour de la connexion.</translation>
    </message>
    <message>
        <source>This till is not connected to a hub: receipts cannot be emailed.</source>
        <translation>Cette caisse n&apos;est pas reliée à un siège&#xa0;: impossible d&apos;envoyer les tickets par e-mail.</translation>
    </message>
    <message>
        <source>Queued for %s: the hub emails it once the till is back online.</source>
        <translation>En attente pour %s&#xa0;: le siège l&apos;enverra dès que la caisse sera en ligne.</translation>
    </message>
    <message>
        <source>Email queued for %s: the hub sends it in a moment.</source>
        <translation>E-mail pour %s en attente&#xa0;: le siège l&apos;envoie dans un instant.</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Email, phone or scan the loyalty card</source>
        <translation>E-mail, téléphone ou scannez la carte de fidélité</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Trouver</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Avoir</translation>
    </message>
    <message>
        <source>Recent orders (web and in store)</source>
        <translation>Commandes récentes (web et magasin)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Create a new customer</source>
        <translation>Créer un nouveau client</translation>
    </message>
    <message>
        <source>Detach</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Associer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email (required)</source>
        <translation>E-mail (obligatoire)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Téléphone (facultatif)</translation>
    </message>
    <message>
        <source>Loyalty card (scan it; optional)</source>
        <translation>Carte de fidélité (à scanner&#xa0;; facultatif)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Create and attach</source>
        <translation>Créer et associer</translation>
    </message>
    <message>
        <source>Customer · attached: %s</source>
        <translation>Client · associé&#xa0;: %s</translation>
    </message>
    <message>
        <source> (not yet at the hub)</source>
        <translation> (pas encore au siège)</translation>
    </message>
    <message>
        <source>card %s</source>
        <translation>carte %s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <source>%s off</source>
        <translation>-%s</translation>
    </message>
    <message>
        <source> each</source>
        <translation> l&apos;unité</translation>
    </message>
    <message>
        <source>now %s each</source>
        <translation>maintenant %s l&apos;unité</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 pour %2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>offert</translation>
    </message>
    <message>
        <source>buy %1 get %2 %3</source>
        <translation>%1 achetés, %2 %3</translation>
    </message>
    <message>
        <source>%1 off when you spend %2</source>
        <translation>-%1 dès %2 d&apos;achat</translation>
    </message>
    <message>
        <source> on %s</source>
        <translation> sur %s</translation>
    </message>
    <message>
        <source> on %1 items</source>
        <translation> sur %1 articles</translation>
    </message>
    <message>
        <source> on the basket</source>
        <translation> sur le panier</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>sans date de fin</translation>
    </message>
    <message>
        <source>until %s</source>
        <translation>jusqu&apos;au %s</translation>
    </message>
    <message>
        <source>also online</source>
        <translation>aussi en ligne</translation>
    </message>
    <message>
        <source>store only</source>
        <translation>magasin uniquement</translation>
    </message>
    <message>
        <source>coupon %s</source>
        <translation>bon %s</translation>
    </message>
    <message>
        <source>members</source>
        <translation>membres</translation>
    </message>
    <message>
        <source>Add %1 more %2 for %3</source>
        <translation>Ajoutez encore %1 %2 pour %3</translation>
    </message>
    <message>
        <source>Spend %1 more%2 for %3</source>
        <translation>Encore %1 d&apos;achat%2 pour %3</translation>
    </message>
    <message numerus="yes">
        <source>Deals today: %n promotion(s)</source>
        <translation>
            <numerusform>Promos du jour&#xa0;: %n promotion</numerusform>
            <numerusform>Promos du jour&#xa0;: %n promotions</numerusform>
        </translation>
    </message>
    <message>
        <source>(Ctrl+O hides)</source>
        <translation>(Ctrl+O masque)</translation>
    </message>
    <message>
        <source>No promotions are running in this store now.</source>
        <translation>Aucune promotion en cours dans ce magasin.</translation>
    </message>
    <message>
        <source>in this basket</source>
        <translation>dans ce panier</translation>
    </message>
</context>
<context>
    <name>DeviceController</name>
    <message>
        <source>Nothing has been printed yet in this session.</source>
        <translation>Rien n&apos;a encore été imprimé dans cette session.</translation>
    </message>
    <message>
        <source>paper out</source>
        <translation>plus de papier</translation>
    </message>
    <message>
        <source>cover open</source>
        <translation>capot ouvert</translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation>imprimante hors ligne</translation>
    </message>
    <message>
        <source>Weighing %s…</source>
        <translation>Pesée de %s…</translation>
    </message>
    <message>
        <source>Scale: %s</source>
        <translation>Balance&#xa0;: %s</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>rien</translation>
    </message>
    <message>
        <source>The printer answers, but it is out of paper.</source>
        <translation>L&apos;imprimante répond, mais elle n&apos;a plus de papier.</translation>
    </message>
    <message>
        <source>The printer answers, but its cover is open.</source>
        <translation>L&apos;imprimante répond, mais son capot est ouvert.</translation>
    </message>
    <message>
        <source>The printer answers, but it is offline or reports an error.</source>
        <translation>L&apos;imprimante répond, mais elle est hors ligne ou signale une erreur.</translation>
    </message>
    <message>
        <source>Printer online — paper is running low.</source>
        <translation>Imprimante en ligne — le papier est presque épuisé.</translation>
    </message>
    <message>
        <source>Printer online, paper OK.</source>
        <translation>Imprimante en ligne, papier OK.</translation>
    </message>
    <message>
        <source>Devices (step 2 of 2)</source>
        <translation>Périphériques (étape 2 sur 2)</translation>
    </message>
    <message>
        <source>Set up the receipt printer, the cash drawer and the scanner — or skip and do it later (omnitill devices test).</source>
        <translation>Configurez l&apos;imprimante de tickets, le tiroir-caisse et le scanner — ou passez et faites-le plus tard (omnitill devices test).</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>Save devices</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Imprimante de tickets</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Série</translation>
    </message>
    <message>
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.50</source>
        <translation>ex. 192.168.1.50</translation>
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
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation>Vitesse (bauds)</translation>
    </message>
    <message>
        <source>vendor:product, e.g. 04b8:0202</source>
        <translation>fabricant:produit, ex. 04b8:0202</translation>
    </message>
    <message>
        <source>USB id</source>
        <translation>Identifiant USB</translation>
    </message>
    <message>
        <source>This screen cannot test a USB printer: save, then check that the test receipt comes out (lsusb shows the id).</source>
        <translation>Cet écran ne peut pas tester une imprimante USB&#xa0;: enregistrez, puis vérifiez que le ticket de test sort (lsusb affiche l&apos;identifiant).</translation>
    </message>
    <message>
        <source>No receipt printer: receipts are shown on screen only.</source>
        <translation>Pas d&apos;imprimante de tickets&#xa0;: les tickets s&apos;affichent seulement à l&apos;écran.</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Largeur du papier</translation>
    </message>
    <message>
        <source>Ask, print if silent</source>
        <translation>Demander, imprimer si muette</translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation>Ne jamais demander</translation>
    </message>
    <message>
        <source>Must answer</source>
        <translation>Doit répondre</translation>
    </message>
    <message>
        <source>Ask, print if silent: a printer that never answers (print server, cable without a return wire) still prints. Must answer: no answer, no receipt.</source>
        <translation>Demander, imprimer si muette&#xa0;: une imprimante qui ne répond jamais (serveur d&apos;impression, câble sans fil de retour) imprime quand même. Doit répondre&#xa0;: pas de réponse, pas de ticket.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Print test receipt</source>
        <translation>Imprimer un ticket de test</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Tiroir-caisse</translation>
    </message>
    <message>
        <source>Through the printer, pin 2</source>
        <translation>Par l&apos;imprimante, broche 2</translation>
    </message>
    <message>
        <source>Through the printer, pin 5</source>
        <translation>Par l&apos;imprimante, broche 5</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Port série</translation>
    </message>
    <message>
        <source>e.g. /dev/ttyS1 or COM2</source>
        <translation>ex. /dev/ttyS1 ou COM2</translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Tiroir</translation>
    </message>
    <message>
        <source>Drawer port</source>
        <translation>Port du tiroir</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Scanner de codes-barres</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Rien</translation>
    </message>
    <message>
        <source>scan something now</source>
        <translation>scannez maintenant</translation>
    </message>
    <message>
        <source>Nothing scanned yet.</source>
        <translation>Rien de scanné pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Ends codes with</source>
        <translation>Termine les codes par</translation>
    </message>
    <message>
        <source>no serial ports found; type one</source>
        <translation>aucun port série trouvé&#xa0;; saisissez-en un</translation>
    </message>
    <message>
        <source>%1; saving replaces it</source>
        <translation>%1&#xa0;; l&apos;enregistrement le remplace</translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation>Interrogation de l&apos;imprimante…</translation>
    </message>
    <message>
        <source>Printing the test receipt…</source>
        <translation>Impression du ticket de test…</translation>
    </message>
    <message>
        <source>Checking the printer and saving…</source>
        <translation>Vérification de l&apos;imprimante et enregistrement…</translation>
    </message>
    <message>
        <source>something went wrong (%1)</source>
        <translation>une erreur s&apos;est produite (%1)</translation>
    </message>
    <message>
        <source>Not saved: </source>
        <translation>Non enregistré&#xa0;: </translation>
    </message>
    <message>
        <source> Check the address, switch the printer on, or choose None.</source>
        <translation> Vérifiez l&apos;adresse, allumez l&apos;imprimante ou choisissez Aucune.</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>Test receipt sent: check that the € and accents print.</source>
        <translation>Ticket de test envoyé&#xa0;: vérifiez que le € et les accents s&apos;impriment.</translation>
    </message>
    <message>
        <source>Received only %1, no code.</source>
        <translation>Reçu seulement %1, aucun code.</translation>
    </message>
    <message>
        <source>matches the setting.</source>
        <translation>correspond au réglage.</translation>
    </message>
    <message>
        <source>choose “%1” above.</source>
        <translation>choisissez «&#xa0;%1&#xa0;» ci-dessus.</translation>
    </message>
    <message>
        <source>Received “%1”, then %2 — %3</source>
        <translation>Reçu «&#xa0;%1&#xa0;», puis %2 — %3</translation>
    </message>
    <message>
        <source>this connection cannot report status; print a test receipt instead</source>
        <translation>cette connexion ne peut pas donner l&apos;état&#xa0;; imprimez plutôt un ticket de test</translation>
    </message>
    <message>
        <source>no answer from the printer</source>
        <translation>pas de réponse de l&apos;imprimante</translation>
    </message>
    <message>
        <source>no answer from the printer (%1)</source>
        <translation>pas de réponse de l&apos;imprimante (%1)</translation>
    </message>
</context>
<context>
    <name>DrawerActionsMixin</name>
    <message>
        <source>No cash drawer is set up at this till.</source>
        <translation>Aucun tiroir-caisse n&apos;est configuré sur cette caisse.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Terminez ou annulez d&apos;abord la saisie en cours (Esc).</translation>
    </message>
    <message>
        <source>Give the reason for opening the drawer.</source>
        <translation>Indiquez le motif d&apos;ouverture du tiroir.</translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale? Give the reason.</source>
        <translation>Ouvrir le tiroir-caisse sans vente&#xa0;? Indiquez le motif.</translation>
    </message>
    <message>
        <source>Drawer opened (no sale), journaled.</source>
        <translation>Tiroir ouvert (sans vente), journalisé.</translation>
    </message>
</context>
<context>
    <name>EmailReceiptBar</name>
    <message>
        <source>Email address for the receipt</source>
        <translation>E-mail pour le ticket</translation>
    </message>
    <message>
        <source>Email receipt</source>
        <translation>Ticket par e-mail</translation>
    </message>
</context>
<context>
    <name>ExchangeMixin</name>
    <message>
        <source>Scan the receipt first.</source>
        <translation>Scannez d&apos;abord le ticket.</translation>
    </message>
    <message>
        <source>Set the quantity coming back on a line first.</source>
        <translation>Indiquez d&apos;abord la quantité retournée sur une ligne.</translation>
    </message>
    <message>
        <source>Exchange: scan the new items</source>
        <translation>Échange&#xa0;: scannez les nouveaux articles</translation>
    </message>
    <message>
        <source>Scan the new items the customer takes.</source>
        <translation>Scannez les nouveaux articles que prend le client.</translation>
    </message>
    <message>
        <source>Scan the new items the customer takes first.</source>
        <translation>Scannez d&apos;abord les nouveaux articles que prend le client.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Non enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>customer paid %1</source>
        <translation>le client a payé %1</translation>
    </message>
    <message>
        <source>even, no money changed hands</source>
        <translation>à égalité, aucun argent échangé</translation>
    </message>
    <message>
        <source>%1 back to the customer</source>
        <translation>%1 rendus au client</translation>
    </message>
    <message>
        <source>Exchange done: %1 (sale %2, return %3).</source>
        <translation>Échange effectué&#xa0;: %1 (vente %2, retour %3).</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up this till</source>
        <translation>Configurer cette caisse</translation>
    </message>
    <message>
        <source>Is this till part of a chain with a hub, or a shop on its own?</source>
        <translation>Cette caisse fait-elle partie d&apos;une enseigne avec un siège, ou d&apos;un magasin indépendant&#xa0;?</translation>
    </message>
    <message>
        <source>Connect to a hub</source>
        <translation>Se relier à un siège</translation>
    </message>
    <message>
        <source>Standalone shop</source>
        <translation>Magasin indépendant</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>Siège</translation>
    </message>
    <message>
        <source>e.g. https://hub.example.com</source>
        <translation>ex. https://hub.example.com</translation>
    </message>
    <message>
        <source>e.g. ABCD-EFGH-JKMN</source>
        <translation>ex. ABCD-EFGH-JKMN</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Adresse du siège</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Code d&apos;inscription</translation>
    </message>
    <message>
        <source>Head office gives you the code. The shop&apos;s name, prices and staff PINs then come from the hub.</source>
        <translation>Le siège vous donne le code. Le nom du magasin, les prix et les PIN du personnel viennent ensuite du siège.</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se relier</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Magasin</translation>
    </message>
    <message>
        <source>as printed on receipts</source>
        <translation>comme sur les tickets</translation>
    </message>
    <message>
        <source>Prices include tax (VAT)</source>
        <translation>Prix TTC (TVA incluse)</translation>
    </message>
    <message>
        <source>Tax added at the till</source>
        <translation>Taxe ajoutée en caisse</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Nom du magasin</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <source>Round cash to</source>
        <translation>Arrondir les espèces à</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>First manager</source>
        <translation>Premier responsable</translation>
    </message>
    <message>
        <source>full name</source>
        <translation>nom complet</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 à 8 chiffres</translation>
    </message>
    <message>
        <source>same PIN</source>
        <translation>même PIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN à nouveau</translation>
    </message>
    <message>
        <source>The manager signs in with this PIN.</source>
        <translation>Le responsable se connecte avec ce PIN.</translation>
    </message>
    <message>
        <source>Set up shop</source>
        <translation>Configurer le magasin</translation>
    </message>
    <message>
        <source>Type the hub address.</source>
        <translation>Saisissez l&apos;adresse du siège.</translation>
    </message>
    <message>
        <source>Type the enrollment code.</source>
        <translation>Saisissez le code d&apos;inscription.</translation>
    </message>
    <message>
        <source>Connecting to the hub…</source>
        <translation>Connexion au siège…</translation>
    </message>
    <message>
        <source>Setting up the shop…</source>
        <translation>Configuration du magasin…</translation>
    </message>
    <message>
        <source>Could not connect: </source>
        <translation>Connexion impossible&#xa0;: </translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>something went wrong (%1); try again</source>
        <translation>une erreur s&apos;est produite (%1)&#xa0;; réessayez</translation>
    </message>
    <message>
        <source>OmniTill — set up this till</source>
        <translation>OmniTill — configurer cette caisse</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>No sale or return of this till matches.</source>
        <translation>Aucune vente ni aucun retour de cette caisse ne correspond.</translation>
    </message>
    <message>
        <source>%1 shown, newest first; F8 shows older ones.</source>
        <translation>%1 affichés, les plus récents d&apos;abord&#xa0;; F8 affiche les plus anciens.</translation>
    </message>
    <message>
        <source>%1 shown, newest first.</source>
        <translation>%1 affichés, les plus récents d&apos;abord.</translation>
    </message>
    <message>
        <source>Choose a sale to reprint first.</source>
        <translation>Choisissez d&apos;abord une vente à réimprimer.</translation>
    </message>
    <message>
        <source>This till has no receipt printer.</source>
        <translation>Cette caisse n&apos;a pas d&apos;imprimante de tickets.</translation>
    </message>
    <message>
        <source>Printing a copy of %1…</source>
        <translation>Impression d&apos;une copie de %1…</translation>
    </message>
    <message>
        <source>%1: a copy marked DUPLICATE was printed.</source>
        <translation>%1&#xa0;: une copie marquée DUPLICATA a été imprimée.</translation>
    </message>
    <message>
        <source>%1: the copy waits in the print queue (%2).</source>
        <translation>%1&#xa0;: la copie attend dans la file d&apos;impression (%2).</translation>
    </message>
    <message>
        <source>printer not ready</source>
        <translation>imprimante pas prête</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>Cela n&apos;a pas fonctionné&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Sale history</source>
        <translation>Historique des ventes</translation>
    </message>
    <message>
        <source>Receipt number, date (2026-03-02) or amount (12.50); Enter searches</source>
        <translation>N° de ticket, date (2026-03-02) ou montant (12.50)&#xa0;; Entrée pour chercher</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Reprint (copy)</source>
        <translation>Réimprimer (copie)</translation>
    </message>
    <message>
        <source>Older sales</source>
        <translation>Plus anciennes</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Revenir</translation>
    </message>
</context>
<context>
    <name>HubReceiptsController</name>
    <message>
        <source>Asking the hub…</source>
        <translation>Interrogation du siège…</translation>
    </message>
    <message>
        <source>No sale with receipt number %1 at this till or at the hub. Check the number, or return it without a receipt.</source>
        <translation>Aucune vente avec le ticket n° %1 sur cette caisse ni au siège. Vérifiez le numéro, ou faites un retour sans ticket.</translation>
    </message>
</context>
<context>
    <name>HubReviewBanner</name>
    <message>
        <source>Seen (manager)</source>
        <translation>Vu (responsable)</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalMixin</name>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Approved by %1.</source>
        <translation>Validé par %1.</translation>
    </message>
</context>
<context>
    <name>NoReceiptMixin</name>
    <message>
        <source>Store credit only, and a manager approves. Scan the items coming back.</source>
        <translation>Avoir uniquement, validé par un responsable. Scannez les articles retournés.</translation>
    </message>
</context>
<context>
    <name>ParkedPanel</name>
    <message>
        <source>Parked baskets</source>
        <translation>Paniers en attente</translation>
    </message>
    <message>
        <source>No basket is parked.</source>
        <translation>Aucun panier en attente.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>%1  %2 · %3 lines%4</source>
        <translation>%1  %2 · %3 lignes%4</translation>
    </message>
</context>
<context>
    <name>PrinterSimPanel</name>
    <message>
        <source>Parsed from the ESC/POS bytes received at %1</source>
        <translation>Décodé des octets ESC/POS reçus sur %1</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>Plus de papier</translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation>Capot ouvert</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Nothing printed yet.</source>
        <translation>Rien d&apos;imprimé pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Drawer kicks</source>
        <translation>Ouvertures du tiroir</translation>
    </message>
    <message>
        <source>Customer display (2×20)</source>
        <translation>Afficheur client (2×20)</translation>
    </message>
    <message>
        <source>──── receipt %1 ────</source>
        <translation>──── ticket %1 ────</translation>
    </message>
    <message>
        <source>Kick %1: pin %2, %3 ms</source>
        <translation>Ouverture %1&#xa0;: broche %2, %3 ms</translation>
    </message>
    <message>
        <source>Printer (simulated)</source>
        <translation>Imprimante (simulée)</translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Reason (required)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
    <message>
        <source>OK
Enter</source>
        <translation>OK
Entrée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>Précisions (facultatif)</translation>
    </message>
    <message>
        <source>%1: what is the reason? (required)</source>
        <translation>%1&#xa0;: motif (obligatoire)</translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>CHANGE</source>
        <translation>À RENDRE</translation>
    </message>
    <message>
        <source>Scan the next customer&apos;s first item, or press F12.</source>
        <translation>Scannez le premier article du client suivant, ou appuyez sur F12.</translation>
    </message>
    <message>
        <source>Reprint last receipt</source>
        <translation>Réimprimer le dernier ticket</translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation>Client suivant</translation>
    </message>
    <message>
        <source>No printer is set up: the receipt is kept in the journal.</source>
        <translation>Aucune imprimante configurée&#xa0;: le ticket est conservé dans le journal.</translation>
    </message>
    <message>
        <source>Printing the receipt…</source>
        <translation>Impression du ticket…</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Ticket imprimé.</translation>
    </message>
    <message>
        <source>Not printed yet (%1): it waits and prints when the printer is back.</source>
        <translation>Pas encore imprimé (%1)&#xa0;: il attend et s&apos;imprimera au retour de l&apos;imprimante.</translation>
    </message>
    <message>
        <source>Printing a copy…</source>
        <translation>Impression d&apos;un duplicata…</translation>
    </message>
    <message>
        <source>Sale %s completed.</source>
        <translation>Vente %s terminée.</translation>
    </message>
</context>
<context>
    <name>ReturnsController</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Terminez ou annulez d&apos;abord la saisie en cours (Esc).</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Scan or type the receipt number.</source>
        <translation>Scannez ou saisissez le numéro du ticket.</translation>
    </message>
    <message>
        <source>Everything on this receipt came back.</source>
        <translation>Tout ce ticket a déjà été retourné.</translation>
    </message>
    <message>
        <source>Checked with the hub: the items come back into this store&apos;s stock.</source>
        <translation>Vérifié auprès du siège&#xa0;: les articles reviennent dans le stock de ce magasin.</translation>
    </message>
    <message>
        <source>Scan the receipt first.</source>
        <translation>Scannez d&apos;abord le ticket.</translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation>Indiquez d&apos;abord la quantité à retourner sur une ligne.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>sans ticket</translation>
    </message>
    <message>
        <source>%1 in cash (drawer open)</source>
        <translation>%1 en espèces (tiroir ouvert)</translation>
    </message>
    <message>
        <source>%1 to the card</source>
        <translation>%1 sur la carte</translation>
    </message>
    <message>
        <source>%1 as store credit %2</source>
        <translation>%1 en avoir %2</translation>
    </message>
    <message>
        <source>Refunded %1 (return %2).</source>
        <translation>Remboursé %1 (retour %2).</translation>
    </message>
    <message>
        <source>Return on receipt %1</source>
        <translation>Retour sur le ticket %1</translation>
    </message>
    <message>
        <source>A manager must approve this return</source>
        <translation>Un responsable doit valider ce retour</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
    <message>
        <source>Not approved: nothing was refunded.</source>
        <translation>Non validé&#xa0;: rien n&apos;a été remboursé.</translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Changed mind</source>
        <translation>A changé d&apos;avis</translation>
    </message>
    <message>
        <source>Wrong size</source>
        <translation>Mauvaise taille</translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation>Défectueux</translation>
    </message>
    <message>
        <source>Damaged on arrival</source>
        <translation>Endommagé à la livraison</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>Non conforme</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Unopened</source>
        <translation>Non ouvert</translation>
    </message>
    <message>
        <source>Opened, resaleable</source>
        <translation>Ouvert, revendable</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Endommagé</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>Défectueux</translation>
    </message>
    <message>
        <source>Scan or type the receipt number</source>
        <translation>Scannez ou saisissez le numéro du ticket</translation>
    </message>
    <message>
        <source>Returns: scan the receipt</source>
        <translation>Retours&#xa0;: scannez le ticket</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Vendu</translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation>Retournable</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>État</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>Nouvel article</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Rembourser</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Revenir</translation>
    </message>
    <message>
        <source>Store credit instead</source>
        <translation>Avoir à la place</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Échange</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>Sans ticket</translation>
    </message>
    <message>
        <source>Remove last new item</source>
        <translation>Retirer le dernier article</translation>
    </message>
    <message>
        <source>Card: refund on the terminal, then type what it printed</source>
        <translation>Carte&#xa0;: remboursez sur le terminal, puis saisissez ce qu&apos;il a imprimé</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Code d&apos;autorisation</translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation>4 derniers</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Last 4 digits</source>
        <translation>4 derniers chiffres</translation>
    </message>
    <message>
        <source>Customer ID (only the last 4 characters are kept)</source>
        <translation>Pièce d&apos;identité du client (seuls les 4 derniers caractères sont conservés)</translation>
    </message>
    <message>
        <source>Driving licence</source>
        <translation>Permis de conduire</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>Passeport</translation>
    </message>
    <message>
        <source>National ID card</source>
        <translation>Carte d&apos;identité</translation>
    </message>
    <message>
        <source>Other photo ID</source>
        <translation>Autre pièce avec photo</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>N° de pièce</translation>
    </message>
    <message>
        <source>No receipt: scan the items coming back</source>
        <translation>Sans ticket&#xa0;: scannez les articles retournés</translation>
    </message>
    <message>
        <source>No receipt: scan the items</source>
        <translation>Sans ticket&#xa0;: scannez les articles</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Avoir</translation>
    </message>
    <message>
        <source>Refund %1: %2</source>
        <translation>Rembourser %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Rounding %1</source>
        <translation>Arrondi %1</translation>
    </message>
    <message>
        <source>Refund to card</source>
        <translation>Rembourser sur carte</translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation>Rembourser en espèces</translation>
    </message>
    <message>
        <source>Refund card + cash</source>
        <translation>Rembourser carte + espèces</translation>
    </message>
    <message>
        <source>Refund store credit</source>
        <translation>Rembourser en avoir</translation>
    </message>
    <message>
        <source>Scan the receipt number</source>
        <translation>Scannez le numéro du ticket</translation>
    </message>
    <message>
        <source>Exchange: scan the new items the customer takes</source>
        <translation>Échange&#xa0;: scannez les nouveaux articles que prend le client</translation>
    </message>
    <message>
        <source>Complete exchange</source>
        <translation>Valider l&apos;échange</translation>
    </message>
    <message>
        <source>Back %1 · New %2 · </source>
        <translation>Retour %1 · Nouveau %2 · </translation>
    </message>
    <message>
        <source>Customer pays %1</source>
        <translation>Le client paie %1</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>Encaisser</translation>
    </message>
    <message>
        <source>Even exchange: no money changes hands</source>
        <translation>Échange à égalité&#xa0;: aucun argent échangé</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>espèces</translation>
    </message>
    <message>
        <source>card</source>
        <translation>carte</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>avoir</translation>
    </message>
    <message>
        <source>Customer gets %1 back</source>
        <translation>Le client récupère %1</translation>
    </message>
    <message>
        <source>Refund difference</source>
        <translation>Rembourser la différence</translation>
    </message>
    <message>
        <source>Receipt %1 — %2</source>
        <translation>Ticket %1 — %2</translation>
    </message>
    <message>
        <source>No receipt — today&apos;s prices, store credit only, manager approves</source>
        <translation>Sans ticket — prix du jour, avoir uniquement, validé par un responsable</translation>
    </message>
    <message>
        <source>Sale of %1</source>
        <translation>Vente du %1</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <source>The order from another store was dropped.</source>
        <translation>La commande à un autre magasin a été abandonnée.</translation>
    </message>
    <message numerus="yes">
        <source> %n attempt(s) left.</source>
        <translation>
            <numerusform> Encore %n essai.</numerusform>
            <numerusform> Encore %n essais.</numerusform>
        </translation>
    </message>
    <message>
        <source>The basket in progress could not be restored: %s</source>
        <translation>Le panier en cours n&apos;a pas pu être restauré&#xa0;: %s</translation>
    </message>
    <message numerus="yes">
        <source>The basket in progress is back (%n line(s), rung by %2).</source>
        <translation>
            <numerusform>Le panier en cours est revenu (%n ligne, saisie par %2).</numerusform>
            <numerusform>Le panier en cours est revenu (%n lignes, saisies par %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>at sign-out</source>
        <translation>à la déconnexion</translation>
    </message>
    <message>
        <source>Locked after inactivity.</source>
        <translation>Verrouillée après inactivité.</translation>
    </message>
    <message>
        <source>Finish or go back from the payment before scanning.</source>
        <translation>Terminez ou quittez le paiement avant de scanner.</translation>
    </message>
    <message>
        <source>That scan was too long to be a barcode (over %1 characters); nothing was added. Scan the item again.</source>
        <translation>Ce scan était trop long pour un code-barres (plus de %1 caractères)&#xa0;; rien n&apos;a été ajouté. Scannez à nouveau l&apos;article.</translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation>Terminez ou annulez d&apos;abord la saisie en cours (Esc).</translation>
    </message>
    <message>
        <source>Enter the weight in kg, e.g. 0.750.</source>
        <translation>Saisissez le poids en kg, ex. 0.750.</translation>
    </message>
    <message>
        <source>Weight of %s in kg</source>
        <translation>Poids de %s en kg</translation>
    </message>
    <message>
        <source>There is nothing to park: the basket is empty.</source>
        <translation>Rien à mettre en attente&#xa0;: le panier est vide.</translation>
    </message>
    <message>
        <source>Basket parked (%s). Resume it with F8.</source>
        <translation>Panier mis en attente (%s). Reprenez-le avec F8.</translation>
    </message>
    <message>
        <source>Park, void or finish this basket before resuming another.</source>
        <translation>Mettez en attente, annulez ou terminez ce panier avant d&apos;en reprendre un autre.</translation>
    </message>
    <message>
        <source>Basket resumed.</source>
        <translation>Panier repris.</translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation>Le panier est vide&#xa0;: scannez d&apos;abord un article.</translation>
    </message>
    <message>
        <source>The sale was not recorded: %s</source>
        <translation>La vente n&apos;a pas été enregistrée&#xa0;: %s</translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Supprimer ligne</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Remise ligne</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Basket discount</source>
        <translation>Remise panier</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Void basket</source>
        <translation>Annuler panier</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>No sale (drawer)</source>
        <translation>Ouvrir tiroir</translation>
    </message>
    <message>
        <source>Click &amp;&amp; collect</source>
        <translation>Retrait en magasin</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Retours</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>Promos</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>PAY</source>
        <translation>ENCAISSER</translation>
    </message>
</context>
<context>
    <name>SalesTableModel</name>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Caissier</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Vente</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>(offline)</source>
        <translation>(hors ligne)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search name or SKU, or key in a barcode  (F2)</source>
        <translation>Cherchez un nom ou une référence, ou tapez un code-barres  (F2)</translation>
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
        <translation>Entrée de caisse</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Sortie de caisse</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>Dépôt au coffre</translation>
    </message>
    <message>
        <source>No sale (open the drawer)</source>
        <translation>Sans vente (ouvrir le tiroir)</translation>
    </message>
    <message>
        <source>Selling needs an open shift: count your float to start.</source>
        <translation>La vente demande une session ouverte : comptez d&apos;abord votre fond de caisse.</translation>
    </message>
    <message>
        <source>Till %1: no shift open</source>
        <translation>Caisse %1&#xa0;: aucune session ouverte</translation>
    </message>
    <message>
        <source>Till %1: shift %2, opened %3 by %4</source>
        <translation>Caisse %1&#xa0;: session %2, ouverte %3 par %4</translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>Blind count: count the drawer. What the till expects shows once confirmed.</source>
        <translation>Comptage à l&apos;aveugle&#xa0;: comptez le tiroir. Le montant attendu s&apos;affiche une fois confirmé.</translation>
    </message>
    <message>
        <source>Count the opening float.</source>
        <translation>Comptez le fond de caisse d&apos;ouverture.</translation>
    </message>
    <message>
        <source>Shift opened.</source>
        <translation>Session ouverte.</translation>
    </message>
    <message>
        <source>Shift closed: Z %1.</source>
        <translation>Session clôturée&#xa0;: Z %1.</translation>
    </message>
    <message>
        <source>No Z report has been closed on this till yet.</source>
        <translation>Aucun rapport Z n&apos;a encore été clôturé sur cette caisse.</translation>
    </message>
    <message>
        <source>No receipt printer: the report is on screen.</source>
        <translation>Pas d&apos;imprimante de tickets&#xa0;: le rapport est à l&apos;écran.</translation>
    </message>
    <message>
        <source>The report did not print (%1): it is on screen; print it again later.</source>
        <translation>Le rapport ne s&apos;est pas imprimé (%1)&#xa0;: il est à l&apos;écran&#xa0;; réimprimez-le plus tard.</translation>
    </message>
    <message>
        <source>Exported %1.csv and .pdf</source>
        <translation>%1.csv et .pdf exportés</translation>
    </message>
    <message>
        <source>%1 %2 — choose a reason</source>
        <translation>%1 %2 — choisissez un motif</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>Choisissez un motif.</translation>
    </message>
    <message>
        <source>%1 may not open the drawer without a sale.</source>
        <translation>%1 n&apos;a pas le droit d&apos;ouvrir le tiroir sans vente.</translation>
    </message>
    <message>
        <source>%1 recorded.</source>
        <translation>Enregistré&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>ShiftsPage</name>
    <message>
        <source>Open shift</source>
        <translation>Ouvrir session</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>Rapport X</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Entrée de caisse</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Sortie de caisse</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>Dépôt au coffre</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Sans vente</translation>
    </message>
    <message>
        <source>Close shift (blind)</source>
        <translation>Clôturer (aveugle)</translation>
    </message>
    <message>
        <source>Reprint last Z</source>
        <translation>Réimprimer Z</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Revenir</translation>
    </message>
    <message>
        <source>Card terminal batch total (optional)</source>
        <translation>Total du lot du terminal carte (facultatif)</translation>
    </message>
    <message>
        <source>Confirm count</source>
        <translation>Confirmer le comptage</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
    <message>
        <source>Approve and close</source>
        <translation>Valider et clôturer</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Export CSV + PDF</source>
        <translation>Exporter CSV + PDF</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Esc or Ctrl+/ closes this list.</source>
        <translation>Esc ou Ctrl+/ ferme cette liste.</translation>
    </message>
    <message>
        <source>this list</source>
        <translation>cette liste</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Enter your PIN or scan your badge</source>
        <translation>Tapez le PIN ou scannez le badge</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Vous pouvez réessayer maintenant.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>Saisissez d&apos;abord votre PIN.</translation>
    </message>
</context>
<context>
    <name>StockController</name>
    <message>
        <source>Scan or search an item first, then press Stock.</source>
        <translation>Scannez ou cherchez d&apos;abord un article, puis appuyez sur Stock.</translation>
    </message>
    <message>
        <source>Scan the item into the basket first, then press Stock on its line.</source>
        <translation>Scannez d&apos;abord l&apos;article dans le panier, puis appuyez sur Stock sur sa ligne.</translation>
    </message>
    <message>
        <source>Choose another store or the warehouse.</source>
        <translation>Choisissez un autre magasin ou l&apos;entrepôt.</translation>
    </message>
    <message>
        <source>%1 has none to sell. Choose a location with stock.</source>
        <translation>%1 n&apos;en a aucun à vendre. Choisissez un lieu qui en a en stock.</translation>
    </message>
    <message>
        <source>Take payment as usual.</source>
        <translation>Encaissez comme d&apos;habitude.</translation>
    </message>
</context>
<context>
    <name>StockPanel</name>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lieu</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Customer e-mail</source>
        <translation>E-mail du client</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Delivery address (delivery only)</source>
        <translation>Adresse (si livraison)</translation>
    </message>
    <message>
        <source>Order: pickup there</source>
        <translation>Retrait là-bas</translation>
    </message>
    <message>
        <source>Order: deliver</source>
        <translation>Faire livrer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Stock of %1 (%2)</source>
        <translation>Stock de %1 (%2)</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Interrogation du siège…</translation>
    </message>
    <message>
        <source>%1 (this store)</source>
        <translation>%1 (ce magasin)</translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation>Synchro&#xa0;: autonome</translation>
    </message>
    <message>
        <source>Sync: connecting…</source>
        <translation>Synchro&#xa0;: connexion…</translation>
    </message>
    <message>
        <source>Sync: online</source>
        <translation>Synchro&#xa0;: en ligne</translation>
    </message>
    <message>
        <source>Sync: OFFLINE since %1</source>
        <translation>Synchro&#xa0;: HORS LIGNE depuis %1</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>HORS LIGNE</translation>
    </message>
    <message>
        <source>%1 to send</source>
        <translation>%1 à envoyer</translation>
    </message>
    <message>
        <source>catalog: %1 updates</source>
        <translation>catalogue&#xa0;: %1 mises à jour</translation>
    </message>
    <message>
        <source>%1 refused by hub — manager</source>
        <translation>%1 refusé(s) par le siège — responsable</translation>
    </message>
    <message>
        <source>last sync %1 min ago</source>
        <translation>dernière synchro il y a %1 min</translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <source>Total due</source>
        <translation>Total à payer</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation>Reste à payer</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Cash handed over</source>
        <translation>Espèces reçues</translation>
    </message>
    <message>
        <source>Add cash
(Enter)</source>
        <translation>Ajouter espèces
(Entrée)</translation>
    </message>
    <message>
        <source>Card (payment terminal)</source>
        <translation>Carte (terminal de paiement)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Autorisation</translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation>4 derniers</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Add card payment</source>
        <translation>Ajouter paiement carte</translation>
    </message>
    <message>
        <source>Store credit / gift card</source>
        <translation>Avoir / carte cadeau</translation>
    </message>
    <message>
        <source>Needs the hub, which is not connected yet.</source>
        <translation>Nécessite le siège, qui n&apos;est pas encore connecté.</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>Remove last payment</source>
        <translation>Retirer le dernier paiement</translation>
    </message>
    <message>
        <source>Back to basket</source>
        <translation>Retour au panier</translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation>Valider la vente</translation>
    </message>
    <message>
        <source>Completing the sale…</source>
        <translation>Validation de la vente…</translation>
    </message>
    <message>
        <source>Total %1 · Rounded %2</source>
        <translation>Total %1 · Arrondi %2</translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation>À RENDRE</translation>
    </message>
    <message>
        <source>Exact %s</source>
        <translation>Exact %s</translation>
    </message>
    <message>
        <source>In cash %1 · Rounding %2</source>
        <translation>En espèces %1 · Arrondi %2</translation>
    </message>
    <message>
        <source>%s is not an amount.</source>
        <translation>%s n&apos;est pas un montant.</translation>
    </message>
    <message>
        <source>Enter the card amount.</source>
        <translation>Saisissez le montant carte.</translation>
    </message>
    <message>
        <source>%s is still to pay.</source>
        <translation>Il reste %s à payer.</translation>
    </message>
</context>
<context>
    <name>TextKeyboard</name>
    <message>
        <source>Space</source>
        <translation>Espace</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>%1 · till %2</source>
        <translation>%1 · caisse %2</translation>
    </message>
    <message>
        <source>OFFLINE — sales are kept and sent later</source>
        <translation>HORS LIGNE — les ventes sont conservées et envoyées plus tard</translation>
    </message>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation>Synchro&#xa0;: autonome</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>No printer</source>
        <translation>Pas d&apos;imprimante</translation>
    </message>
    <message>
        <source>Printer OK</source>
        <translation>Imprimante OK</translation>
    </message>
    <message>
        <source>Printer: checking…</source>
        <translation>Imprimante&#xa0;: vérification…</translation>
    </message>
    <message>
        <source>Printer: PAPER OUT</source>
        <translation>Imprimante&#xa0;: PLUS DE PAPIER</translation>
    </message>
    <message>
        <source>Printer: COVER OPEN</source>
        <translation>Imprimante&#xa0;: CAPOT OUVERT</translation>
    </message>
    <message>
        <source>Printer OFFLINE</source>
        <translation>Imprimante HORS LIGNE</translation>
    </message>
    <message>
        <source>1 receipt waiting to print</source>
        <translation>1 ticket en attente d&apos;impression</translation>
    </message>
    <message numerus="yes">
        <source>%n receipts waiting to print</source>
        <translation>
            <numerusform>%n ticket en attente d&apos;impression</numerusform>
            <numerusform>%n tickets en attente d&apos;impression</numerusform>
        </translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation>Tiroir</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Afficheur</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Indisponible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Click: show or hide %1</source>
        <translation>Clic : afficher ou masquer %1</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
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
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Promotions (you save)</source>
        <translation>Promotions (économie)</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <source>incl. %s</source>
        <translation>dont %s</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebOrderBar</name>
    <message>
        <source>Web order number or customer email</source>
        <translation>N° de commande web ou e-mail du client</translation>
    </message>
    <message>
        <source>Find web order</source>
        <translation>Chercher commande web</translation>
    </message>
    <message>
        <source>Find web order (%1)</source>
        <translation>Commande web (%1)</translation>
    </message>
</context>
<context>
    <name>WebReturnsController</name>
    <message>
        <source>A manager must sign in to mark these as seen.</source>
        <translation>Un responsable doit se connecter pour les marquer comme vus.</translation>
    </message>
    <message>
        <source>Type the web order number or the customer&apos;s email.</source>
        <translation>Saisissez le n° de commande web ou l&apos;e-mail du client.</translation>
    </message>
    <message>
        <source>The hub cannot be reached.</source>
        <translation>Le siège est injoignable.</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Interrogation du siège…</translation>
    </message>
    <message>
        <source>The hub did not answer.</source>
        <translation>Le siège n&apos;a pas répondu.</translation>
    </message>
    <message>
        <source>No web order %1 at the hub. Check the number, or try the email.</source>
        <translation>Aucune commande web %1 au siège. Vérifiez le numéro, ou essayez l&apos;e-mail.</translation>
    </message>
    <message>
        <source>Offline return: a manager must approve it, and head office will review it when the till is back online.</source>
        <translation>Retour hors ligne&#xa0;: un responsable doit le valider, et le siège le vérifiera quand la caisse sera de nouveau en ligne.</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>payée en ligne</translation>
    </message>
    <message>
        <source>paid in store</source>
        <translation>payée en magasin</translation>
    </message>
    <message>
        <source>Web order %1 — %2</source>
        <translation>Commande web %1 — %2</translation>
    </message>
    <message>
        <source>Refund to card online</source>
        <translation>Rembourser sur la carte en ligne</translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation>Rembourser en espèces</translation>
    </message>
    <message>
        <source>Everything in this order came back already.</source>
        <translation>Toute cette commande a déjà été retournée.</translation>
    </message>
    <message>
        <source>An order of store %1: the items come back into this store&apos;s stock.</source>
        <translation>Commande du magasin %1&#xa0;: les articles reviennent dans le stock de ce magasin.</translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation>Impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation>Indiquez d&apos;abord la quantité à retourner sur une ligne.</translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation>Connectez-vous d&apos;abord.</translation>
    </message>
    <message>
        <source>Web order %1 returned: give the customer the receipt.</source>
        <translation>Commande web %1 retournée&#xa0;: remettez le ticket au client.</translation>
    </message>
    <message>
        <source>Refunded %1 in cash</source>
        <translation>%1 remboursé en espèces</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>A manager must approve this web-order return</source>
        <translation>Un responsable doit valider ce retour de commande web</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>PIN du responsable</translation>
    </message>
</context>
</TS>
