"""CI workflows on top of the build: sizing the shards, the print packs staff download, and deploying the site."""
