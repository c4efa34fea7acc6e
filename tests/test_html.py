from meetings.html import sanitise_html


def test_scripts_event_handlers_and_javascript_links_are_removed():
    dirty = (
        '<p onmouseover="x()">Hi <a href="javascript:alert(1)">link</a>'
        "<script>alert(1)</script><img src=x onerror=alert(1)></p>"
    )
    assert sanitise_html(dirty) == '<p>Hi <a rel="noopener noreferrer">link</a></p>'


def test_paper_structure_is_kept():
    html = (
        "<h2>1. Purpose</h2><p>Text <strong>bold</strong></p>"
        '<table><tr><th colspan="2">A</th></tr><tr><td>1</td><td>2</td></tr></table>'
        '<ul><li><a href="https://www.portsmouth.gov.uk">site</a></li></ul>'
    )
    clean = sanitise_html(html)
    assert "<h2>1. Purpose</h2>" in clean
    assert '<th colspan="2">A</th>' in clean
    assert 'href="https://www.portsmouth.gov.uk"' in clean
