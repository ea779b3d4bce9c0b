"""Stage 4, render HTML: Markdown to safe HTML, and every page through the theme's Jinja layouts.

Modules: `markup` (Markdown, sanitised), `render` (leaflet pages), `catalogue` (the
catalogue page), `qr` (QR codes to the online pages).
"""
