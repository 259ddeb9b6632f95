<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BasketEditsMixin</name>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity of %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter 10 or 10% for a percentage, 2.00 for an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on %1: 10% or an amount like 2.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter 10% for a percentage or 5.00 for an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basket discount: 10% or an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the new price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New unit price of %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basket is already empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason to void the basket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void the whole basket? Give the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BasketTableModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(price changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price changed: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectionsController</name>
    <message>
        <source>  ·  %1 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ⚠%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No order matches %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking: scan each item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch the line that is short first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked short: the hub decides refund or substitute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has no receipt printer: pick from the screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing the pick list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list of %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the printer does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list not printed: %1. It prints by itself when the printer is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: stick the label on the bag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the customer&apos;s ID or pickup code and note it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till cannot take payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay for order %1 · %2 — the goods are handed over once paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take payment and hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording the payment and the hand-over…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not paid: nothing was handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over: the receipt is printing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Expired %n overdue order(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Expire late orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark order %1 reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — a manager must approve: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollectionsPage</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan QR / type order no., name, email or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an order on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: ID checked / who collects / cancel reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start pick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready + label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEEDS REVIEW: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ CHECK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAY IN STORE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · picking: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · OVERDUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 taken</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CountView</name>
    <message>
        <source>count of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouponEntry</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon code (type or scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking coupon %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in the basket qualifies yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <source>Offline — from this till&apos;s recent customers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer found. Create one with “New customer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub refused the look-up: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not among them: create the customer (it is queued).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created at this till: its history shows once the hub has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading recent orders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — recent orders and store credit need the hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent orders unavailable: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s attached to this sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s detached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s — press Attach to use that customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub refused the new customer: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %s created at this till and attached; the hub gets it when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till is not connected to a hub: receipts cannot be emailed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued for %s: the hub emails it once the till is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email queued for %s: the hub sends it in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email, phone or scan the loyalty card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent orders (web and in store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyalty card (scan it; optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create and attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer · attached: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not yet at the hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DealsPanel</name>
    <message>
        <source>%s off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now %s each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buy %1 get %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 off when you spend %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> on the basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no end date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coupon %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 more %2 for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend %1 more%2 for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deals today: %n promotion(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(Ctrl+O hides)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No promotions are running in this store now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in this basket</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceController</name>
    <message>
        <source>Nothing has been printed yet in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cover open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printer offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighing %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer answers, but it is out of paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer answers, but its cover is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer answers, but it is offline or reports an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer online — paper is running low.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer online, paper OK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices (step 2 of 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the receipt printer, the cash drawer and the scanner — or skip and do it later (omnitill devices test).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 192.168.1.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed (baud)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vendor:product, e.g. 04b8:0202</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This screen cannot test a USB printer: save, then check that the test receipt comes out (lsusb shows the id).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt printer: receipts are shown on screen only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask, print if silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask, print if silent: a printer that never answers (print server, cable without a return wire) still prints. Must answer: no answer, no receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print test receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through the printer, pin 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through the printer, pin 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. /dev/ttyS1 or COM2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan something now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing scanned yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ends codes with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no serial ports found; type one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; saving replaces it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the printer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing the test receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the printer and saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>something went wrong (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Check the address, switch the printer on, or choose None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test receipt sent: check that the € and accents print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received only %1, no code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches the setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose “%1” above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received “%1”, then %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this connection cannot report status; print a test receipt instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the printer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawerActionsMixin</name>
    <message>
        <source>No cash drawer is set up at this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason for opening the drawer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale? Give the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason, e.g. change for the float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer opened (no sale), journaled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailReceiptBar</name>
    <message>
        <source>Email address for the receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email receipt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExchangeMixin</name>
    <message>
        <source>Scan the receipt first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the quantity coming back on a line first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange: scan the new items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the new items the customer takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the new items the customer takes first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer paid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>even, no money changed hands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 back to the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange done: %1 (sale %2, return %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is this till part of a chain with a hub, or a shop on its own?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standalone shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. https://hub.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. ABCD-EFGH-JKMN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office gives you the code. The shop&apos;s name, prices and staff PINs then come from the hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as printed on receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices include tax (VAT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax added at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round cash to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager signs in with this PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the hub address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the enrollment code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the shop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>something went wrong (%1); try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OmniTill — set up this till</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HubReceiptsController</name>
    <message>
        <source>Asking the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale with receipt number %1 at this till or at the hub. Check the number, or return it without a receipt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HubReviewBanner</name>
    <message>
        <source>Seen (manager)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoReceiptMixin</name>
    <message>
        <source>Store credit only, and a manager approves. Scan the items coming back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParkedPanel</name>
    <message>
        <source>Parked baskets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No basket is parked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 · %3 lines · %4%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterSimPanel</name>
    <message>
        <source>Parsed from the ESC/POS bytes received at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing printed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawer kicks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer display (2×20)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>──── receipt %1 ────</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1: pin %2, %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer (simulated)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK
Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <source>CHANGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the next customer&apos;s first item, or press F12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint last receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer is set up: the receipt is kept in the journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing the receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not printed yet (%1): it waits and prints when the printer is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale %s completed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnsController</name>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type the receipt number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything on this receipt came back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked with the hub: the items come back into this store&apos;s stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the receipt first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in cash (drawer open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as store credit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1 (return %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return on receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager must approve this return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: nothing was refunded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnsPage</name>
    <message>
        <source>Changed mind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faulty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged on arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened, resaleable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type the receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns: scan the receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returnable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store credit instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove last new item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card: refund on the terminal, then type what it printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer ID (only the last 4 characters are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Driving licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other photo ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt: scan the items coming back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt: scan the items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund to card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund card + cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund store credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the receipt number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange: scan the new items the customer takes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back %1 · New %2 · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer pays %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Even exchange: no money changes hands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer gets %1 back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt — today&apos;s prices, store credit only, manager approves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message numerus="yes">
        <source> %n attempt(s) left.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The basket in progress could not be restored: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The basket in progress is back (%n line(s), rung by %2).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>at sign-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked after inactivity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish or go back from the payment before scanning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That scan was too long to be a barcode (over %1 characters); nothing was added. Scan the item again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the weight in kg, e.g. 0.750.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of %s in kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to park: the basket is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basket parked (%s). Resume it with F8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park, void or finish this basket before resuming another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basket resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The basket is empty: scan an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sale was not recorded: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basket discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale (drawer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click &amp;&amp; collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAY</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search name or SKU, or key in a barcode  (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> /kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftsController</name>
    <message>
        <source>Paid in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale (open the drawer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till %1: no shift open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Till %1: shift %2, opened %3 by %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blind count: count the drawer. What the till expects shows once confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the opening float.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift closed: Z %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Z report has been closed on this till yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt printer: the report is on screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report did not print (%1): it is on screen; print it again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1.csv and .pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not open the drawer without a sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftsPage</name>
    <message>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close shift (blind)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reprint last Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card terminal batch total (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record and open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV + PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc or Ctrl+/ closes this list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Enter your PIN or scan your badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncBridge</name>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: OFFLINE since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catalog: %1 updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused by hub — manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last sync %1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <source>Total due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash handed over (Enter = exact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add cash  (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card (payment terminal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store credit / gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the hub, which is not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove last payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completing the sale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %1 · Rounded %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHANGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exact %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is not an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the card amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is still to pay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>%1 · till %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OFFLINE — sales are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync: standalone (no hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: PAPER OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer: COVER OPEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer OFFLINE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 receipt waiting to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n receipts waiting to print</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>OmniTill</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions (you save)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incl. %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WebOrderBar</name>
    <message>
        <source>Web order number or customer email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find web order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find web order (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebReturnsController</name>
    <message>
        <source>A manager must sign in to mark these as seen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the web order number or the customer&apos;s email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No web order %1 at the hub. Check the number, or try the email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline return: a manager must approve it, and head office will review it when the till is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid in store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web order %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund to card online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in this order came back already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An order of store %1: the items come back into this store&apos;s stock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not do that: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the quantity to return on a line first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web order %1 returned: give the customer the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded %1 in cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A manager must approve this web-order return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
