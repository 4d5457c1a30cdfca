"""XML from outside, parsed safely: no DTD entities, no external references, no network.

Library XML (METS, ALTO) never needs entity declarations, so a file that declares any is
refused outright (defusedxml): that stops external entities (XXE) and entity expansion
bombs (billion laughs) before anything is expanded. Elements are matched by local name,
because ALTO comes with no namespace (v1.4) or with one per version (v2, v3, v4).
"""

from __future__ import annotations

from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as SafeElementTree

from viewer.errors import InputError

MAX_XML_BYTES = 200 * 1024 * 1024  # an ALTO page is a few MB; far larger is not a page


def parse_xml(data: bytes, source: str) -> Element:
    """The root element of ``data``; InputError names the file and what is wrong."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{source}: {len(data) // 1024 // 1024} MB is too large for a METS or ALTO file")
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        raise InputError(f"{source}: refused: the XML declares entities, which METS and ALTO never "
                         "need (they can read other files or expand without bound)") from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise InputError(f"{source}: refused: the XML refers to an external DTD or file") from None
    except ElementTree.ParseError as error:
        raise InputError(f"{source}: not well-formed XML ({error})") from None


def local(element: Element) -> str:
    """The element's name without its namespace: ``{http://…/ns-v2#}String`` → ``String``."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child) == name]


def descendants(element: Element, name: str) -> list[Element]:
    return [node for node in element.iter() if local(node) == name]


def attribute(element: Element, name: str) -> str | None:
    """An attribute by local name (``xlink:href`` is ``href``)."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None
