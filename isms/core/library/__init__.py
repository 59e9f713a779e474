"""The template library: cooperation-level templates, published in versions, adopted by municipalities.

A template has a kind (processing activity now; ROS, DPIA and the threat catalogue later). The kind,
registered by the app that owns the adopting record, knows the content's fields and how a record is
made from a version and brought up to a newer one. Everything else (drafts, publishing, adoption,
the diff between versions, joint assessments for shared services) lives here once.
"""
