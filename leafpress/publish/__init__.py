"""Stage 6, publish: write the rendered outputs into the output folder, and the manifest of them.

Modules: `output_folder` (atomic writes of every output, assets and media, pruning withdrawn
pages), `manifest` (manifest.json, and merging the manifests of a sharded build).
"""
