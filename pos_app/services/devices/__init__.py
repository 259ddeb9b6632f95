"""The till's use of its devices that needs the database: the print queue and reprints."""
