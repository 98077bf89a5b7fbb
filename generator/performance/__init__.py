"""SAKIP performance data: indicators and Renstra targets, each year's Perjanjian Kinerja, quarterly
realisation, capaian, and the Lembar Kriteria Evaluasi (LKE) catalogue with the evidence it asks for.

Knows the manual (roles, documents, SOP ids); nothing of git, pages or MkDocs.
Must not import generator.records, .trail, .render, .plugin or .commands.
"""
