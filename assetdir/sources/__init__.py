"""Directories as they live elsewhere, read and turned into groups: spreadsheets (CSV, XLSX),
Open Referral UK v1 feeds and HSDS 3.0 JSON; and `import`, which hands them to merge."""
