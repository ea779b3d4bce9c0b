"""Translation: what a translation was made from, what changed since, and the translators' commands."""
