"""Careful writing: files replaced whole or not at all, edits that keep comments, fmt, checked, new and init."""
