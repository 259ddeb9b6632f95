<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BasketTableModel</name>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="37"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="38"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="39"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="40"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="41"/>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="42"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="140"/>
        <source>(price changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_model.py" line="156"/>
        <source>Price changed: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParkedPanel</name>
    <message>
        <location filename="../../pos_app/ui/parked_panel.py" line="21"/>
        <source>Parked baskets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/parked_panel.py" line="25"/>
        <source>No basket is parked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/parked_panel.py" line="27"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/parked_panel.py" line="28"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/parked_panel.py" line="43"/>
        <source>%1  %2 · %3 lines · %4%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptPanel</name>
    <message>
        <location filename="../../pos_app/ui/prompt_panel.py" line="30"/>
        <source>Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/prompt_panel.py" line="36"/>
        <source>OK
Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/prompt_panel.py" line="37"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptView</name>
    <message>
        <location filename="../../pos_app/ui/receipt_view.py" line="35"/>
        <source>CHANGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/receipt_view.py" line="42"/>
        <source>Printer: not set up yet, the receipt is kept.

Scan the next customer&apos;s first item, or press F12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/receipt_view.py" line="47"/>
        <source>Next customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/receipt_view.py" line="57"/>
        <source>Sale %s completed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleView</name>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="80"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="81"/>
        <source>Remove line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="82"/>
        <source>Line discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="83"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="84"/>
        <source>Basket discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="85"/>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="86"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="87"/>
        <source>Void basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="88"/>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale_view.py" line="89"/>
        <source>PAY</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../pos_app/ui/search_panel.py" line="27"/>
        <source>Search name or SKU, or key in a barcode  (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/search_panel.py" line="52"/>
        <source> /kg</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="40"/>
        <source>Enter your PIN or scan your badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="49"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="63"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="63"/>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="105"/>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/signin_view.py" line="122"/>
        <source>Type your PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderPanel</name>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="65"/>
        <source>Total due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="66"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="68"/>
        <location filename="../../pos_app/ui/tender_panel.py" line="231"/>
        <source>Still to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="77"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="83"/>
        <source>Cash handed over (Enter = exact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="93"/>
        <source>Add cash  (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="100"/>
        <source>Card (payment terminal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="103"/>
        <location filename="../../pos_app/ui/tender_panel.py" line="112"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="104"/>
        <source>Approval code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="105"/>
        <source>Last 4 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="113"/>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="114"/>
        <source>Last 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="115"/>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="120"/>
        <source>Add card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="125"/>
        <source>Store credit / gift card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="127"/>
        <source>Needs the hub, which is not connected yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="129"/>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="135"/>
        <source>Remove last payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="141"/>
        <source>Back to basket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="143"/>
        <source>Complete sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="200"/>
        <source>Completing the sale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="227"/>
        <source>CHANGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="273"/>
        <source>Exact %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="305"/>
        <source>%s is not an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="318"/>
        <source>Enter the card amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/tender_panel.py" line="350"/>
        <source>%s is still to pay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillController</name>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="170"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="179"/>
        <source>Approved by %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="197"/>
        <source>%1 — a manager must approve: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="200"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/controller.py" line="241"/>
        <source> %n attempt(s) left.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="264"/>
        <source>at sign-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="285"/>
        <source>Locked after inactivity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="295"/>
        <source>Finish or go back from the payment before scanning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="300"/>
        <location filename="../../pos_app/ui/controller.py" line="580"/>
        <source>Finish or cancel the open prompt first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="327"/>
        <source>Enter the weight in kg, e.g. 0.750.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="332"/>
        <source>Weight of %s in kg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="353"/>
        <location filename="../../pos_app/ui/controller.py" line="419"/>
        <location filename="../../pos_app/ui/controller.py" line="577"/>
        <source>The basket is empty: scan an item first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="365"/>
        <source>Enter a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="374"/>
        <source>Quantity of %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="386"/>
        <source>Removed %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="397"/>
        <source>Enter the discount in percent, e.g. 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="411"/>
        <source>Discount in % on %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="427"/>
        <source>Enter 10% for a percentage or 5.00 for an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="441"/>
        <source>Basket discount: 10% or an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="456"/>
        <source>Enter the new price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="471"/>
        <source>New unit price of %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="479"/>
        <source>The basket is already empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="485"/>
        <source>Give a reason to void the basket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="491"/>
        <source>Void the whole basket? Give the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="493"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="516"/>
        <source>There is nothing to park: the basket is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="524"/>
        <source>Basket parked (%s). Resume it with F8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="539"/>
        <source>Park, void or finish this basket before resuming another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="564"/>
        <source>Basket resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/controller.py" line="605"/>
        <source>The sale was not recorded: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="17"/>
        <source>%1 · till %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="19"/>
        <source>OFFLINE — sales are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="25"/>
        <source>Sync: no hub yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="27"/>
        <source>Devices: none set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="43"/>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="45"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="51"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="24"/>
        <source>OmniTill</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos_app/ui/totals_panel.py" line="25"/>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/totals_panel.py" line="39"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/totals_panel.py" line="41"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/totals_panel.py" line="44"/>
        <source>incl. %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/totals_panel.py" line="63"/>
        <source>%n line(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
