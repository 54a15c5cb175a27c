"""Rendering: the public site and badge pages, Open Badges 3.0 achievements,
review packets and agendas (HTML, Markdown, PDF).

Modules: templating (Jinja environments, office overrides, the sandbox),
markdown, views and privacy (what a public page may show), achievement,
site (what is published) and pages (rendering it), images (which badge
images are published) and svg (which SVGs are safe), checklist, changes,
packet and packets, output (where a render may write), pdf.
"""
