"""Terminal views, drawn with rich, one module per subject. Catalogue text is always shown
literally, never as markup."""
