"""The demo catalog's vocabulary: departments, brands, product kinds, sizes and price ranges.

Pure data for ``pos_app.db.demo_data``, which turns it into products; kept apart so the
generator reads as an algorithm and this file as a list a person can extend.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    noun: str
    sizes: tuple[str, ...]
    low: int  # price range in minor units (per kg when weighed)
    high: int


@dataclass(frozen=True)
class Department:
    name: str
    tax_class: str
    share: int  # percent of the generated catalog
    brands: tuple[str, ...]
    variants: tuple[str, ...]  # "" is "no variant"; repeat it to make plain names commoner
    kinds: tuple[Kind, ...]
    weighed_share: float = 0.0  # of this department's items, the share sold loose by the kg
    per_kg: tuple[int, int] = (0, 0)  # price range of those, in minor units per kg
    house_brands: bool = True  # mix in generated brand names for variety


def _split(words: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in words.split("|"))


def _k(noun: str, sizes: str, low: int, high: int) -> Kind:
    return Kind(noun, _split(sizes), low, high)


# A few dozen hand-picked brands per department give only tens of thousands of distinct names;
# a million-item catalog needs more, or type-ahead shows the same name page after page.
_BRAND_STARTS = _split(
    "Alba|Bel|Cor|Dal|Eco|Fen|Gran|Hal|Iso|Jun|Kor|Lun|Mar|Nor|Ost|Pel|Quin|Ros|Sol|Tor"
    "|Ulm|Val|Wes|Zan"
)
_BRAND_ENDS = _split("a|dal|ford|gard|heim|ico|ina|mark|mont|ora|stad|ton|vale|vik|wood|zo")
HOUSE_BRANDS = tuple(start + end for start in _BRAND_STARTS for end in _BRAND_ENDS)
HOUSE_BRANDS_PER_DEPARTMENT = 48

_AUTHOR_SURNAMES = _split(
    "Laurent|Okafor|Lindqvist|Moreau|Brennan|Castillo|Novak|Haddad|Fischer|Tanaka|Rossi"
    "|Dubois|Kowalski|Ahmed|Keller|Silva|Byrne|Jensen|Marchetti|Petit|Young|Varga|Ortiz|Nakamura"
)
_AUTHORS = tuple(
    f"{initial}. {surname}" for initial in "ABCDEGHJKLMNPRST" for surname in _AUTHOR_SURNAMES
)


def _book(title: str, formats: str, low: int, high: int) -> Kind:
    sizes = tuple(f"by {author} ({fmt})" for author in _AUTHORS for fmt in _split(formats))
    return Kind(title, sizes, low, high)


DEPARTMENTS: tuple[Department, ...] = (
    Department(
        "grocery",
        "reduced",
        18,
        _split(
            "Nordvik|Casa Verde|Golden Field|Maison Dorée|Pantry Plus|Terra Mia"
            "|Old Mill|Sunvale|Cacao Fino|Bayside|Harvest Lane|Kitchen Club"
            "|Bella Nonna|Everyday|Lakeshore"
        ),
        _split(
            "|||Organic|Wholegrain|Classic|Fairtrade|Gluten-Free|Italian"
            "|Family Pack|Extra Fine|Low Salt|Spicy|Smoked"
        ),
        (
            _k("Arabica Coffee Beans", "250 g|500 g|1 kg", 399, 1599),
            _k("Ground Coffee", "250 g|500 g", 299, 899),
            _k("Instant Coffee", "100 g|200 g", 349, 899),
            _k("Green Tea", "20 bags|40 bags", 199, 549),
            _k("Earl Grey Tea", "25 bags|50 bags", 199, 599),
            _k("Spaghetti", "500 g|1 kg", 89, 349),
            _k("Penne Rigate", "500 g|1 kg", 89, 349),
            _k("Basmati Rice", "500 g|1 kg|5 kg", 149, 1299),
            _k("Rolled Oats", "500 g|1 kg", 99, 399),
            _k("Muesli", "500 g|750 g", 249, 599),
            _k("Cornflakes", "375 g|500 g", 179, 449),
            _k("Tomato Sauce", "400 g|690 g", 99, 349),
            _k("Olive Oil", "500 ml|750 ml|1 L", 399, 1499),
            _k("Sunflower Oil", "1 L", 199, 449),
            _k("Peanut Butter", "350 g|500 g", 249, 549),
            _k("Strawberry Jam", "370 g", 189, 449),
            _k("Honey", "250 g|500 g", 299, 899),
            _k("Dark Chocolate", "100 g|200 g", 129, 449),
            _k("Milk Chocolate", "100 g|200 g", 99, 399),
            _k("Potato Crisps", "150 g|200 g", 119, 299),
            _k("Chickpeas", "400 g", 69, 199),
            _k("Tuna Chunks", "160 g|3 x 80 g", 149, 499),
            _k("Wheat Flour", "1 kg|2 kg", 79, 299),
            _k("Granulated Sugar", "1 kg", 99, 249),
            _k("Sea Salt", "500 g|1 kg", 59, 249),
            _k("Digestive Biscuits", "250 g|400 g", 99, 299),
        ),
    ),
    Department(
        "beverages",
        "reduced",
        7,
        _split(
            "Sunvale|Clearbrook|Fizzo|Alpine Spring|Citrus Grove|Nordvik|Tropica"
            "|Highland|Berrywell|Coastline"
        ),
        ("", "", "Sparkling", "Still", "Zero Sugar", "Organic", "Light", "Pulp-Free", "Diet"),
        (
            _k("Orange Juice", "1 L|1.5 L|6 x 200 ml", 149, 499),
            _k("Apple Juice", "1 L|1.5 L", 129, 449),
            _k("Mineral Water", "1.5 L|6 x 1.5 L|50 cl", 39, 399),
            _k("Cola", "1.5 L|33 cl|6 x 33 cl", 79, 599),
            _k("Lemonade", "1 L|1.5 L", 99, 349),
            _k("Iced Tea", "1.5 L|50 cl", 99, 299),
            _k("Energy Drink", "25 cl|50 cl|4 x 25 cl", 99, 599),
            _k("Tonic Water", "1 L|4 x 20 cl", 99, 399),
            _k("Ginger Ale", "1 L|33 cl", 89, 299),
            _k("Smoothie", "250 ml|750 ml", 179, 449),
        ),
    ),
    Department(
        "wine & spirits",
        "standard",
        3,
        _split(
            "Château Lacombe|Domaine du Pré|Highland Cask|Vallée Verte|Casa Alta"
            "|Old Harbour|Brewhouse|Monte Rosso"
        ),
        ("", "", "Reserve", "Organic", "Vintage", "Dry", "Special"),
        (
            _k("Red Wine", "75 cl|37.5 cl|1.5 L", 499, 2999),
            _k("White Wine", "75 cl|1.5 L", 449, 2499),
            _k("Rosé Wine", "75 cl", 449, 1999),
            _k("Champagne", "75 cl", 1999, 5999),
            _k("Lager", "6 x 25 cl|50 cl|12 x 33 cl", 99, 1499),
            _k("Pale Ale", "33 cl|4 x 33 cl", 149, 899),
            _k("Single Malt Whisky", "70 cl", 2499, 7999),
            _k("London Dry Gin", "70 cl", 1499, 3999),
            _k("Cider", "50 cl|4 x 33 cl", 149, 699),
        ),
    ),
    Department(
        "produce",
        "reduced",
        2,
        ("Green Valley", "Farmhouse", "Sunny Acres", "Orchard Hill", "Riverbend", "Nordvik"),
        ("", "", "", "Organic", "Baby", "Red", "Sweet", "Local", "Vine"),
        (
            _k("Bananas", "1 kg bag|6-pack", 149, 349),
            _k("Gala Apples", "1 kg bag|6-pack", 179, 449),
            _k("Pears", "1 kg bag|4-pack", 199, 449),
            _k("Tomatoes", "500 g|1 kg", 149, 449),
            _k("Carrots", "1 kg bag|2 kg bag", 79, 249),
            _k("Potatoes", "2.5 kg bag|5 kg bag", 199, 549),
            _k("Onions", "1 kg bag", 99, 249),
            _k("Lemons", "4-pack|500 g", 129, 299),
            _k("Avocados", "2-pack|4-pack", 199, 499),
            _k("Blueberries", "125 g|250 g", 199, 499),
            _k("Strawberries", "250 g|500 g", 199, 549),
            _k("Spinach", "200 g|400 g", 129, 349),
            _k("Cucumber", "each", 59, 129),
            _k("Bell Peppers", "3-pack|500 g", 149, 349),
            _k("Grapes", "500 g", 199, 449),
            _k("Mushrooms", "250 g|500 g", 129, 349),
        ),
        weighed_share=0.3,
        per_kg=(99, 699),
    ),
    Department(
        "bakery",
        "reduced",
        3,
        _split("Maison Dorée|Old Mill|Boulangerie Martin|Golden Crust|Kitchen Club|Nordvik"),
        ("", "", "Wholemeal", "Seeded", "Rustic", "Organic", "Rye", "Butter", "Mini"),
        (
            _k("Sourdough Loaf", "500 g|800 g", 249, 549),
            _k("Baguette", "250 g|2-pack", 99, 249),
            _k("Sandwich Bread", "500 g|800 g", 129, 349),
            _k("Croissants", "4-pack|6-pack", 199, 499),
            _k("Pain au Chocolat", "4-pack|6-pack", 229, 549),
            _k("Bagels", "5-pack", 199, 399),
            _k("Brioche", "400 g", 199, 449),
            _k("Muffins", "4-pack", 229, 499),
            _k("Cinnamon Rolls", "4-pack", 249, 549),
            _k("Pita Bread", "6-pack", 99, 249),
        ),
    ),
    Department(
        "dairy",
        "reduced",
        5,
        _split(
            "Alpenhof|Nordvik|Green Valley|Meadow Fresh|Laiterie Blanche|Farmhouse"
            "|Dairy Gold|Bayside"
        ),
        ("", "", "Organic", "Low Fat", "Lactose-Free", "Semi-Skimmed", "Light", "Greek Style"),
        (
            _k("Whole Milk", "1 L|2 L|6 x 1 L", 99, 699),
            _k("Oat Milk", "1 L", 149, 299),
            _k("Soy Drink", "1 L", 149, 299),
            _k("Natural Yogurt", "500 g|4 x 125 g", 99, 349),
            _k("Strawberry Yogurt", "4 x 125 g", 149, 349),
            _k("Salted Butter", "250 g|500 g", 199, 599),
            _k("Unsalted Butter", "250 g", 199, 399),
            _k("Mature Cheddar", "200 g|400 g", 249, 699),
            _k("Mozzarella", "125 g|3 x 125 g", 99, 449),
            _k("Camembert", "250 g", 199, 449),
            _k("Cream Cheese", "200 g", 149, 299),
            _k("Free-Range Eggs", "6-pack|10-pack|12-pack", 199, 499),
            _k("Double Cream", "200 ml|300 ml", 129, 299),
            _k("Crème Fraîche", "200 ml", 119, 249),
        ),
    ),
    Department(
        "deli",
        "reduced",
        2,
        ("Terra Mia", "Charcuterie Bernard", "Casa Verde", "Farmhouse", "Old Harbour"),
        ("", "", "Smoked", "Sliced", "Roast", "Traditional", "Herb", "Spicy"),
        (
            _k("Ham", "150 g|250 g", 199, 599),
            _k("Salami", "100 g|200 g", 199, 549),
            _k("Chicken Breast", "150 g|300 g", 249, 699),
            _k("Comté", "200 g", 399, 799),
            _k("Olives", "200 g|350 g", 199, 499),
            _k("Hummus", "200 g", 149, 299),
            _k("Smoked Salmon", "100 g|200 g", 399, 999),
            _k("Pâté", "180 g", 199, 449),
            _k("Potato Salad", "250 g|500 g", 149, 399),
        ),
        weighed_share=0.2,
        per_kg=(990, 3990),
    ),
    Department(
        "frozen",
        "reduced",
        4,
        ("Polar Star", "Nordvik", "Frosty Fields", "Kitchen Club", "Casa Verde", "Glacier Bay"),
        ("", "", "Family", "Crispy", "Stone-Baked", "Organic", "Vegetarian", "Classic"),
        (
            _k("Pizza Margherita", "350 g|2 x 350 g", 199, 699),
            _k("Garden Peas", "1 kg", 129, 299),
            _k("Fish Fingers", "10-pack|20-pack", 199, 549),
            _k("Vanilla Ice Cream", "500 ml|1 L", 249, 699),
            _k("French Fries", "1 kg|2.5 kg", 149, 449),
            _k("Mixed Berries", "500 g", 249, 549),
            _k("Spinach Portions", "750 g", 149, 299),
            _k("Vegetable Lasagne", "400 g", 249, 549),
            _k("Prawns", "250 g|500 g", 399, 1099),
        ),
    ),
    Department(
        "household",
        "standard",
        8,
        _split(
            "Brightwash|Softleaf|CleanPro|Fresh Home|Sparkle|EcoNest|Lumen"
            "|Hearth & Co|Pure Living|Tidy"
        ),
        ("", "", "Lemon", "Ultra", "Sensitive", "Eco", "Lavender", "Fragrance-Free", "Max"),
        (
            _k("Dishwasher Tablets", "30 pcs|40 pcs|80 pcs", 499, 1599),
            _k("Washing-Up Liquid", "500 ml|1 L", 129, 399),
            _k("Laundry Detergent", "1.5 L|2.5 L|40 washes", 499, 1599),
            _k("Fabric Softener", "1 L|2 L", 249, 699),
            _k("Toilet Tissue", "4 rolls|9 rolls|18 rolls", 199, 899),
            _k("Kitchen Towels", "2 rolls|4 rolls", 149, 499),
            _k("Bin Bags", "20 x 30 L|10 x 50 L", 199, 549),
            _k("All-Purpose Cleaner", "750 ml", 149, 449),
            _k("Glass Cleaner", "500 ml", 149, 399),
            _k("Sponges", "3-pack|10-pack", 99, 399),
            _k("Aluminium Foil", "10 m|30 m", 149, 449),
            _k("Scented Candle", "200 g", 499, 1999),
            _k("Storage Box", "10 L|30 L", 499, 1499),
        ),
    ),
    Department(
        "health & beauty",
        "standard",
        10,
        _split(
            "Mintura|Belle Peau|Pure Essence|Aqua Derm|Velvet|Natura|Sensa|Bloom|Dr. Halden|Nordvik"
        ),
        _split(
            "||Sensitive|Fresh Mint|Whitening|Hydrating|Men's|Argan|Coconut"
            "|Aloe Vera|Unscented|Travel Size"
        ),
        (
            _k("Toothpaste", "75 ml|100 ml", 149, 499),
            _k("Toothbrush", "each|2-pack", 149, 699),
            _k("Shampoo", "250 ml|400 ml", 199, 899),
            _k("Conditioner", "250 ml|400 ml", 199, 899),
            _k("Shower Gel", "250 ml|500 ml", 149, 599),
            _k("Hand Soap", "300 ml", 99, 399),
            _k("Deodorant", "150 ml|50 ml", 199, 599),
            _k("Face Cream", "50 ml", 499, 2499),
            _k("Sun Cream SPF 30", "200 ml", 699, 1899),
            _k("Cotton Pads", "80 pcs", 99, 299),
            _k("Paracetamol Tablets", "16 pcs", 149, 349),
            _k("Plasters", "20 pcs|40 pcs", 199, 599),
            _k("Lip Balm", "4.8 g", 149, 499),
            _k("Razor Blades", "4-pack|8-pack", 599, 1999),
        ),
    ),
    Department(
        "clothing",
        "standard",
        13,
        _split(
            "Northline|Urban Thread|Basic Co|Fjord|Linen & Loom|Trailmark"
            "|Maison Bleue|Everyday|Coastline|Summit"
        ),
        _split(
            "White|Black|Navy|Grey|Red|Olive|Beige|Striped|Cotton|Slim Fit|Organic Cotton|Denim"
        ),
        (
            _k("T-Shirt", "S|M|L|XL", 599, 2499),
            _k("Polo Shirt", "S|M|L|XL", 1299, 3999),
            _k("Hoodie", "S|M|L|XL", 1999, 5999),
            _k("Jeans", "W30 L32|W32 L32|W34 L32|W36 L34", 2499, 7999),
            _k("Chinos", "38|40|42|44", 2499, 5999),
            _k("Socks", "3-pack|5-pack", 499, 1499),
            _k("Sweater", "S|M|L|XL", 2499, 6999),
            _k("Rain Jacket", "S|M|L|XL", 3999, 11999),
            _k("Summer Dress", "36|38|40|42", 1999, 5999),
            _k("Baseball Cap", "one size", 799, 2499),
            _k("Scarf", "one size", 999, 2999),
            _k("Trainers", "39|40|41|42|43|44", 3999, 9999),
            _k("Pyjamas", "S|M|L", 1499, 3999),
        ),
    ),
    Department(
        "electronics",
        "standard",
        7,
        _split("Voltis|Lumen|Soundwave|Pixelon|Ampere|Nordvik|Zentro|Kinetic|Orbit"),
        ("", "", "Wireless", "Braided", "Compact", "Pro", "Fast-Charge", "Rechargeable", "Mini"),
        (
            _k("AA Alkaline Batteries", "4-pack|8-pack|12-pack", 349, 1299),
            _k("AAA Alkaline Batteries", "4-pack|8-pack", 349, 999),
            _k("USB-C Cable", "1 m|2 m", 699, 1999),
            _k("Phone Charger", "20 W|30 W|65 W", 1499, 3999),
            _k("Earbuds", "black|white", 1999, 9999),
            _k("Bluetooth Speaker", "5 W|20 W", 2499, 12999),
            _k("LED Bulb E27", "9 W|11 W|4-pack", 299, 1499),
            _k("LED Bulb GU10", "5 W|3-pack", 299, 1199),
            _k("Power Strip", "4 sockets|6 sockets", 999, 2999),
            _k("Memory Card", "64 GB|128 GB|256 GB", 999, 4999),
            _k("USB Flash Drive", "32 GB|64 GB|128 GB", 599, 2999),
            _k("Computer Mouse", "black|grey", 999, 3999),
            _k("Headphones", "black|white", 2999, 14999),
            _k("Power Bank", "10000 mAh|20000 mAh", 1999, 4999),
        ),
    ),
    Department(
        "toys",
        "standard",
        5,
        ("Brick Builders", "Playwell", "Tiny Town", "Galaxy Kids", "Wonderbox", "Puzzle Co"),
        ("", "", "Deluxe", "Junior", "Classic", "Family", "Travel", "Glow-in-the-Dark"),
        (
            _k("Starter Set", "120 pcs|250 pcs", 999, 3999),
            _k("Jigsaw Puzzle", "500 pcs|1000 pcs", 999, 2499),
            _k("Board Game", "2-4 players|2-6 players", 1499, 4999),
            _k("Plush Bear", "20 cm|35 cm", 999, 2999),
            _k("Toy Car", "1:43|1:24", 499, 2499),
            _k("Colouring Book", "64 pages", 299, 799),
            _k("Crayons", "12 colours|24 colours", 199, 699),
            _k("Building Blocks", "60 pcs|150 pcs", 1499, 4999),
            _k("Card Game", "54 cards", 499, 1499),
            _k("Water Pistol", "each", 399, 1499),
        ),
    ),
    Department(
        "books",
        "reduced",
        8,
        _split(
            "The Quiet|A Winter's|The Last|Beyond the|Under the|The Hidden"
            "|Return to the|The Silent|Letters from the|Night at the|The Lost"
            "|Secrets of the|Journey to the|The Little"
        ),
        ("",),
        (
            _book("Harbour", "Paperback|Hardcover|Large Print", 799, 2499),
            _book("Garden", "Paperback|Hardcover", 799, 2499),
            _book("Orchard", "Paperback|Hardcover", 799, 2499),
            _book("Lighthouse", "Paperback|Hardcover", 799, 2499),
            _book("Kingdom", "Paperback|Hardcover", 899, 2999),
            _book("Detective", "Paperback", 799, 1499),
            _book("Island", "Paperback|Hardcover", 799, 2499),
            _book("Mountain", "Paperback", 799, 1999),
            _book("Cookbook", "Hardcover", 1499, 3499),
            _book("Atlas", "Hardcover", 1999, 3999),
            _book("Station", "Paperback", 799, 1499),
            _book("Summer", "Paperback|Pocket Edition", 599, 1499),
        ),
        house_brands=False,
    ),
    Department(
        "press",
        "zero",
        1,
        ("Daily Courier", "Weekend Gazette", "City Herald", "Home & Garden", "Tech Monthly"),
        ("", "", "Special Edition", "Holiday"),
        (
            _k("Newspaper", "", 150, 350),
            _k("Magazine", "|Annual", 399, 999),
            _k("Crossword Weekly", "", 199, 399),
        ),
        house_brands=False,
    ),
    Department(
        "garden & diy",
        "standard",
        4,
        ("GreenThumb", "Toolcraft", "Hearth & Co", "Fixit", "Terra", "Workshop Pro"),
        ("", "", "Heavy-Duty", "Compact", "Stainless", "Ergonomic", "Professional", "Outdoor"),
        (
            _k("Potting Compost", "20 L|40 L", 499, 1299),
            _k("Garden Gloves", "M|L", 399, 1299),
            _k("Watering Can", "5 L|10 L", 599, 1999),
            _k("Screwdriver Set", "6 pcs|12 pcs", 999, 2999),
            _k("Claw Hammer", "450 g", 999, 2499),
            _k("Wood Screws", "100 pcs|200 pcs", 299, 999),
            _k("Paint Brush", "25 mm|50 mm", 199, 799),
            _k("Masking Tape", "25 m|50 m", 199, 599),
            _k("Flower Seeds", "1 packet", 149, 399),
            _k("Tape Measure", "5 m|8 m", 499, 1499),
            _k("Cordless Drill", "12 V|18 V", 3999, 12999),
        ),
    ),
)
