/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reading XML that comes from outside (imports, exchange files) with libxml2 so that a hostile
 * file can neither reach the network or the disk, nor exhaust memory: no external entities, no
 * DTD loading, no entity declarations at all, bounded size and depth. */

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define MG_XML_ERROR (mg_xml_error_quark ())

/**
 * MgXmlError:
 * @MG_XML_ERROR_READ: the file could not be read
 * @MG_XML_ERROR_TOO_LARGE: the file is larger than Marginalia parses
 * @MG_XML_ERROR_MALFORMED: the data is not well-formed XML
 * @MG_XML_ERROR_ENTITIES: the document declares entities, which are refused because they can
 *   read other files or expand without bound
 * @MG_XML_ERROR_TOO_DEEP: elements are nested deeper than Marginalia parses
 * @MG_XML_ERROR_INVALID: the XML is well-formed but not in the expected format (schema)
 */
typedef enum {
  MG_XML_ERROR_READ,
  MG_XML_ERROR_TOO_LARGE,
  MG_XML_ERROR_MALFORMED,
  MG_XML_ERROR_ENTITIES,
  MG_XML_ERROR_TOO_DEEP,
  MG_XML_ERROR_INVALID,
} MgXmlError;

/* Far above any export of a large library, far below what would exhaust memory once parsed. */
#define MG_XML_MAX_BYTES ((gsize) 256 * 1024 * 1024)

/* Matches libxml2's own limit without XML_PARSE_HUGE; our formats nest a few dozen at most. */
#define MG_XML_MAX_DEPTH 256

GQuark   mg_xml_error_quark        (void);

xmlDoc  *mg_xml_safe_read_memory   (const char  *data,
                                    gsize        length,
                                    const char  *name,
                                    GError     **error);
xmlDoc  *mg_xml_safe_read_file     (const char  *path,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)

G_END_DECLS
