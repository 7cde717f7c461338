"""What a group file may say: the vocabulary, values, models, a file's text to a model or problems,
the group as plain data, the key order, the schema. The only package that imports pydantic."""
