"""Rendering: the public site and badge pages, Open Badges 3.0 achievements,
review packets and agendas (HTML, Markdown, PDF).

Modules: templating (Jinja environments, office overrides, the sandbox),
markdown, views and privacy (what a public page may show), achievement,
site, checklist, changes, packet and packets, output, pdf.
"""
