/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "mg-xml-safe.h"

G_DEFINE_QUARK (mg-xml-error-quark, mg_xml_error)

/* What the parse collects instead of letting libxml2 print to stderr. */
typedef struct
{
  char       *first_message;
  int         first_line;
  gboolean    entity_declared;
  char       *entity_name;
  gboolean    too_deep;
} ParseState;

static void
parse_state_clear (ParseState *state)
{
  g_clear_pointer (&state->first_message, g_free);
  g_clear_pointer (&state->entity_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ParseState, parse_state_clear)

/* Keeps the first error only: later ones are mostly consequences of it. */
static void
collect_error (void        *user_data,
               xmlErrorPtr  err)
{
  ParseState *state = user_data;

  if (err == NULL || err->level < XML_ERR_ERROR || state->first_message != NULL)
    return;
  /* libxml2's own depth limit stops the parse with advice (XML_PARSE_HUGE) a user cannot
   * follow: report it as the nesting it is. */
  state->too_deep = err->message != NULL && g_str_has_prefix (err->message, "Excessive depth");
  state->first_message = g_strstrip (g_strdup (err->message != NULL ? err->message : "?"));
  state->first_line = err->line;
}

/* libxml2 hands a parser's errors to the SAX structured handler with the context as data. */
static void
collect_ctxt_error (void        *user_data,
                    xmlErrorPtr  err)
{
  xmlParserCtxtPtr ctxt = user_data;

  collect_error (ctxt->_private, err);
}

/* Any entity declaration stops the parse before its value can be expanded or fetched: our
 * formats never need one, and refusing them all closes billion laughs and XXE together. */
static void
refuse_entity_decl (void          *user_data,
                    const xmlChar *name,
                    int            type,
                    const xmlChar *public_id,
                    const xmlChar *system_id,
                    xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  if (!state->entity_declared)
    {
      state->entity_declared = TRUE;
      state->entity_name = g_strdup ((const char *) name);
    }
  xmlStopParser (ctxt);
}

static gboolean
tree_too_deep (xmlNode *root)
{
  xmlNode *node = root;
  int depth = 1;

  /* Iterative walk, so a deep tree cannot exhaust our own stack either. */
  while (node != NULL)
    {
      if (depth > MG_XML_MAX_DEPTH)
        return TRUE;
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          depth++;
          continue;
        }
      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          depth--;
          if (node == root || depth <= 0)
            return FALSE;
        }
      if (node != NULL)
        node = node->next;
    }
  return FALSE;
}

static gboolean
has_entities (xmlDoc *doc)
{
  xmlDtd *dtd = doc->intSubset;

  return dtd != NULL && (dtd->entities != NULL || dtd->pentities != NULL);
}

static xmlParserCtxtPtr
new_safe_context (ParseState *state)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();

  if (ctxt == NULL)
    return NULL;
  ctxt->_private = state;
  ctxt->sax->initialized = XML_SAX2_MAGIC;
  ctxt->sax->serror = collect_ctxt_error;
  ctxt->sax->entityDecl = refuse_entity_decl;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;
  return ctxt;
}

static void
set_too_deep_error (const char  *name,
                    GError     **error)
{
  g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_TOO_DEEP,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s nests elements deeper than the %d level that Marginalia reads",
                            "%s nests elements deeper than the %d levels that Marginalia reads",
                            MG_XML_MAX_DEPTH),
               name, MG_XML_MAX_DEPTH);
}

static void
set_parse_error (ParseState  *state,
                 const char  *name,
                 GError     **error)
{
  if (state->entity_declared)
    g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES,
                 _("%s declares the entity “%s”; Marginalia refuses entities in files it "
                   "reads, as they can read other files or grow without bound"),
                 name, state->entity_name);
  else if (state->too_deep)
    set_too_deep_error (name, error);
  else if (state->first_message != NULL)
    g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_MALFORMED,
                 _("%s, line %d: %s; the file is not valid XML"),
                 name, state->first_line, state->first_message);
  else
    g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_MALFORMED,
                 _("%s could not be parsed; the file is not valid XML"), name);
}

/* The options that keep a parse local and bounded. Deliberately absent: XML_PARSE_NOENT
 * (substitutes entities), XML_PARSE_DTDLOAD and XML_PARSE_DTDATTR (fetch the external DTD),
 * XML_PARSE_HUGE (lifts the depth and size limits), XML_PARSE_XINCLUDE. */
#define SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
                      XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS)

static xmlDoc *
parse_collected (const char *data,
                 gsize       length,
                 ParseState *state)
{
  xmlStructuredErrorFunc old_handler = xmlStructuredError;
  void *old_context = xmlStructuredErrorContext;
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc = NULL;

  /* Errors raised outside the parser context (encoding, memory) go through the thread's
   * global handler: catch those too, and put the caller's handler back afterwards. */
  xmlSetStructuredErrorFunc (state, collect_error);
  ctxt = new_safe_context (state);
  if (ctxt != NULL)
    {
      doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, SAFE_OPTIONS);
      if (doc != NULL && (!ctxt->wellFormed || state->entity_declared))
        g_clear_pointer (&doc, xmlFreeDoc);
      xmlFreeParserCtxt (ctxt);
    }
  xmlSetStructuredErrorFunc (old_context, old_handler);
  return doc;
}

/* What the parser lets through but we still refuse; takes @doc and frees it on refusal. */
static xmlDoc *
check_doc (xmlDoc     *doc,
           const char *name,
           GError    **error)
{
  if (has_entities (doc))
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES,
                   _("%s declares entities; Marginalia refuses entities in files it reads, as "
                     "they can read other files or grow without bound"), name);
      xmlFreeDoc (doc);
      return NULL;
    }
  if (xmlDocGetRootElement (doc) == NULL || tree_too_deep (xmlDocGetRootElement (doc)))
    {
      set_too_deep_error (name, error);
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

/**
 * mg_xml_safe_read_memory:
 * @data: the bytes of an XML document
 * @length: the length of @data
 * @name: what to call the data in messages (a file name)
 * @error: return location for a #GError in %MG_XML_ERROR
 *
 * Parses untrusted XML without network access, external entities or DTD loading. Documents
 * that declare entities, are larger than %MG_XML_MAX_BYTES or nest deeper than
 * %MG_XML_MAX_DEPTH are refused. Nothing is printed: every problem becomes @error.
 *
 * Returns: (transfer full) (nullable): the document, free with xmlFreeDoc()
 */
xmlDoc *
mg_xml_safe_read_memory (const char  *data,
                         gsize        length,
                         const char  *name,
                         GError     **error)
{
  g_auto(ParseState) state = { 0 };
  xmlDoc *doc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (name == NULL)
    name = _("The document");
  if (length > MG_XML_MAX_BYTES)
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_TOO_LARGE,
                   _("%s is larger than the %u MB that Marginalia reads"),
                   name, (guint) (MG_XML_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  doc = parse_collected (data, length, &state);
  if (doc == NULL)
    {
      set_parse_error (&state, name, error);
      return NULL;
    }
  return check_doc (doc, name, error);
}

/**
 * mg_xml_safe_read_file:
 * @path: the file to read, in the GLib file name encoding
 * @error: return location for a #GError in %MG_XML_ERROR
 *
 * Reads @path and parses it as mg_xml_safe_read_memory() does, refusing files larger than
 * %MG_XML_MAX_BYTES before reading them.
 *
 * Returns: (transfer full) (nullable): the document, free with xmlFreeDoc()
 */
xmlDoc *
mg_xml_safe_read_file (const char  *path,
                       GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length = 0;

  if (g_stat (path, &st) == 0 && (guint64) st.st_size > MG_XML_MAX_BYTES)
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_TOO_LARGE,
                   _("%s is larger than the %u MB that Marginalia reads"),
                   display, (guint) (MG_XML_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, MG_XML_ERROR, MG_XML_ERROR_READ,
                   _("%s could not be read: %s"), display, local_error->message);
      return NULL;
    }
  return mg_xml_safe_read_memory (data, length, display, error);
}
