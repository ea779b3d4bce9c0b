"""The audio edition: a page's reading order spoken by espeak-ng, one Opus file with a chapter per section."""
