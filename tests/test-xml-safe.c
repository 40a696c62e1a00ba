/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Untrusted XML: external entities, entity bombs, malformed data and deep nesting are refused
 * with an error in MG_XML_ERROR and nothing on stderr; a good file parses. */
#include "config.h"

#include <string.h>

#include "mg-xml-safe.h"

static xmlDoc *
parse (const char  *xml,
       GError     **error)
{
  return mg_xml_safe_read_memory (xml, strlen (xml), "test.xml", error);
}

static void
test_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse ("<?xml version='1.0'?>\n<a x='1'><b>Hà Nội 𝄞</b><![CDATA[<c>]]></a>",
                                 &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  text = (char *) xmlNodeGetContent (xmlDocGetRootElement (doc));
  g_assert_cmpstr (text, ==, "Hà Nội 𝄞<c>");
}

static void
test_external_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse ("<?xml version='1.0'?>\n"
                                 "<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>\n"
                                 "<a>&e;</a>", &error);

  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES);
  g_assert_nonnull (strstr (error->message, "“e”"));
}

static void
test_parameter_entity (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse ("<!DOCTYPE a [<!ENTITY % p SYSTEM 'http://example.invalid/x.dtd'>"
                                 "%p;]><a/>", &error);

  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES);
}

static void
test_external_dtd_not_loaded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse ("<!DOCTYPE a SYSTEM 'file:///etc/passwd'><a>ok</a>", &error);

  /* The subset is named but never read: the document parses as if it had none. */
  g_assert_no_error (error);
  g_assert_nonnull (doc);
}

static void
test_billion_laughs (void)
{
  GString *xml = g_string_new ("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n"
                               "<!ENTITY lol 'lol'>\n");
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;
  gint64 start;

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (xml, "<!ENTITY lol%d '", i);
      for (int j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (xml, "&lol;");
          else
            g_string_append_printf (xml, "&lol%d;", i - 1);
        }
      g_string_append (xml, "'>\n");
    }
  g_string_append (xml, "]>\n<lolz>&lol9;</lolz>");

  start = g_get_monotonic_time ();
  doc = parse (xml->str, &error);
  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_ENTITIES);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_string_free (xml, TRUE);
}

static void
test_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = parse ("<a>\n<b>\n</a>", &error);

  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "not valid XML"));
}

static void
test_empty_and_truncated (void)
{
  g_autoptr(GError) error = NULL;
  xmlDoc *doc = mg_xml_safe_read_memory ("", 0, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_MALFORMED);
  g_clear_error (&error);
  doc = parse ("<a><b>text</b><c att='", &error);
  g_assert_null (doc);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_MALFORMED);
}

static void
test_deep (void)
{
  GString *xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;

  for (int i = 0; i < 10000; i++)
    g_string_append (xml, "<d>");
  for (int i = 0; i < 10000; i++)
    g_string_append (xml, "</d>");
  doc = parse (xml->str, &error);
  g_assert_null (doc);
  /* Said as the nesting it is, not as libxml2's advice to lift its limit. */
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_TOO_DEEP);
  g_string_free (xml, TRUE);
}

static void
test_shallow_enough (void)
{
  GString *xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (xml, "<d>");
  for (int i = 0; i < 200; i++)
    g_string_append (xml, "</d>");
  doc = parse (xml->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_string_free (xml, TRUE);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "good.xml", NULL);
  g_autoptr(xmlDoc) doc = NULL;
  xmlDoc *missing;

  g_file_set_contents (path, "<a>file</a>", -1, &error);
  g_assert_no_error (error);
  doc = mg_xml_safe_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  missing = mg_xml_safe_read_file ("/nonexistent/none.xml", &error);
  g_assert_null (missing);
  g_assert_error (error, MG_XML_ERROR, MG_XML_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "none.xml"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/xml-safe/good", test_good);
  g_test_add_func ("/xml-safe/external-entity", test_external_entity);
  g_test_add_func ("/xml-safe/parameter-entity", test_parameter_entity);
  g_test_add_func ("/xml-safe/external-dtd-not-loaded", test_external_dtd_not_loaded);
  g_test_add_func ("/xml-safe/billion-laughs", test_billion_laughs);
  g_test_add_func ("/xml-safe/malformed", test_malformed);
  g_test_add_func ("/xml-safe/empty-truncated", test_empty_and_truncated);
  g_test_add_func ("/xml-safe/deep", test_deep);
  g_test_add_func ("/xml-safe/shallow-enough", test_shallow_enough);
  g_test_add_func ("/xml-safe/file", test_file);

  return g_test_run ();
}
