"""Open Referral HSDS 3.0 for the sociale kaart: the export API and the import.

- :mod:`.ids`: the stable HSDS identifiers (UUIDs) of our rows.
- :mod:`.taxonomies`: themes, target groups and leefringen as HSDS taxonomies.
- :mod:`.selectors` and :mod:`.serializers`: what the API shows, as HSDS objects.
- :mod:`.views` and :mod:`.urls`: the HSDS API under ``/api/hsds/``.
- :mod:`.schema`: the official JSON schemas (``schema/``, CC BY-SA 4.0) and a
  validator with problems in Dutch.
- :mod:`.importer`: HSDS organisation records into organisation pages.
"""
