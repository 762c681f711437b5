"""Import/export formats for the FAQ: JSON (whole store), CSV (spreadsheets), PO (translators)."""

from faq_i18n.formats.gettext_po import PoImport, dump_po, load_po
from faq_i18n.formats.jsonfile import dump_json, load_json
from faq_i18n.formats.spreadsheet import dump_csv, load_csv

__all__ = ["PoImport", "dump_csv", "dump_json", "dump_po", "load_csv", "load_json", "load_po"]
