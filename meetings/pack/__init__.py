"""The agenda pack pipeline: Meeting → one PDF, in visible stages.

    collect   (contents.py)  what goes in, in which order, for the public or members' variant
    render    (render.py)    each HTML paper → its own PDF with WeasyPrint, cached by content
    lay out   (layout.py)    page counts → ranges, blank pages, numbers, stamps
    front     (front.py)     the notice and agenda with the computed ranges
    stamp     (stamp.py)     page numbers, "Agenda Item N", blank-page text, exempt marking
    assemble  (assemble.py)  merge with pikepdf, overlay stamps, outline, agenda links
    store     (meetings.services.agenda_pack_build) keep the file and its layout

`build_pack()` (build.py) is the only entry point; it returns the PDF and the layout the meeting page
shows beside each paper.
"""

# The stages import Django models; resolving these names lazily keeps `meetings.pack.weasy`
# importable on its own in the render workers, before Django is set up.
_PUBLIC = {"BuiltPack", "Variant", "build_pack", "pack_fingerprint"}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        from meetings.pack import build

        return getattr(build, name)
    raise AttributeError(f"module 'meetings.pack' has no attribute {name!r}")
