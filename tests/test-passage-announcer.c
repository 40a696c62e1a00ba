/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The passage announcer: as the caret moves into and out of tagged passages and entity
 * mentions, the reader says what is there in words (the status line, the text view's
 * description, the tooltip), so neither a screen reader user nor a reader who cannot tell the
 * colours apart depends on the colours. */
#include "config.h"

#include <adwaita.h>

#include "mg-code.h"
#include "mg-document.h"
#include "mg-entity-mention.h"
#include "mg-passage-announcer.h"
#include "mg-store-annotations.h"
#include "mg-store-codes.h"
#include "mg-store-library.h"

static const char text[] = "The port of Da Nang traded rice. The clerk kept the ledgers.";

typedef struct {
  MgStore *store;
  GListModel *codes;
  GtkTextView *view;
  GtkLabel *status;
  MgHighlightPainter *painter;
  MgPassageAnnouncer *announcer;
  gint64 document;
  gint64 set;
} Fixture;

static gint64
offset_of (const char *needle)
{
  const char *hit = strstr (text, needle);

  g_assert_nonnull (hit);
  return g_utf8_pointer_to_offset (text, hit);
}

static MgPassageSpan
tag (Fixture    *fixture,
     const char *code_name,
     const char *passage,
     const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MgCode) code = mg_store_create_code_if_missing (fixture->store, code_name, &error);
  g_autoptr(MgAnnotation) annotation = NULL;
  gint64 start = offset_of (passage);

  g_assert_no_error (error);
  annotation = mg_store_add_annotation (fixture->store, fixture->document, fixture->set,
                                        mg_code_get_id (code), start,
                                        start + g_utf8_strlen (passage, -1), note, &error);
  g_assert_no_error (error);
  return (MgPassageSpan) { start, start + g_utf8_strlen (passage, -1), 0x3584e4,
                           mg_annotation_get_id (annotation), note != NULL };
}

static void
put_caret (Fixture *fixture,
           gint64   offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (fixture->view);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "library.sqlite3", NULL);
  g_autoptr(MgDocument) document = mg_document_new ("Port", text, NULL, NULL);
  g_autoptr(MgAnnotationSet) set = NULL;

  fixture->store = mg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mg_store_add_document (fixture->store, document, NULL, &error));
  g_assert_no_error (error);
  fixture->document = mg_document_get_id (document);
  set = mg_store_get_default_annotation_set (fixture->store, &error);
  g_assert_no_error (error);
  fixture->set = mg_annotation_set_get_id (set);

  fixture->view = GTK_TEXT_VIEW (g_object_ref_sink (gtk_text_view_new ()));
  fixture->status = GTK_LABEL (g_object_ref_sink (gtk_label_new (NULL)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (fixture->view), text, -1);
  fixture->painter = mg_highlight_painter_new (fixture->view);
  fixture->announcer = mg_passage_announcer_new (fixture->view, fixture->painter,
                                                 fixture->status);
  mg_passage_announcer_set_store (fixture->announcer, fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->announcer);
  g_clear_object (&fixture->painter);
  g_clear_object (&fixture->status);
  g_clear_object (&fixture->view);
  g_clear_object (&fixture->codes);
  g_clear_object (&fixture->store);
}

static void
load_codes (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->codes);
  fixture->codes = mg_store_list_codes (fixture->store, &error);
  g_assert_no_error (error);
  mg_passage_announcer_set_codes (fixture->announcer, fixture->codes);
}

/* Into a passage, into two nested ones with a note, and out again. */
static void
test_caret_in_passages (Fixture       *fixture,
                        gconstpointer  data)
{
  MgPassageSpan spans[2];

  spans[0] = tag (fixture, "Trade", "traded rice", NULL);
  spans[1] = tag (fixture, "Economy", "rice", "staple");
  load_codes (fixture);
  mg_highlight_painter_set_passages (fixture->painter, spans, 2);
  mg_passage_announcer_refresh (fixture->announcer);

  put_caret (fixture, offset_of ("traded") + 2);
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==,
                   "Tagged: Trade");
  g_assert_cmpstr (gtk_label_get_text (fixture->status), ==, "Tagged: Trade");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->status)));

  /* The innermost passage first, as a click would pick it. */
  put_caret (fixture, offset_of ("rice") + 1);
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==,
                   "Tagged: Economy, Trade; note");

  put_caret (fixture, offset_of ("clerk"));
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->status)));
}

/* A passage tagged under a caret that does not move is told once the painter has it. */
static void
test_refresh_after_tagging (Fixture       *fixture,
                            gconstpointer  data)
{
  MgPassageSpan span;

  load_codes (fixture);
  put_caret (fixture, offset_of ("ledgers") + 1);
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==, "");
  span = tag (fixture, "Records", "ledgers", NULL);
  load_codes (fixture);
  mg_highlight_painter_set_passages (fixture->painter, &span, 1);
  mg_passage_announcer_refresh (fixture->announcer);
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==,
                   "Tagged: Records");
}

/* An entity mark says its type; with a passage over it, both. */
static void
test_entity_type (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (fixture->view);
  GtkTextTag *place = gtk_text_buffer_create_tag (buffer, NULL, NULL, NULL);
  GtkTextIter first, last;
  MgPassageSpan span;
  g_autofree char *both = NULL;

  g_object_set_data (G_OBJECT (place), "mg-entity-type", GINT_TO_POINTER (MG_ENTITY_TYPE_LOC + 1));
  gtk_text_buffer_get_iter_at_offset (buffer, &first, (int) offset_of ("Da Nang"));
  gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) offset_of ("Da Nang") + 7);
  gtk_text_buffer_apply_tag (buffer, place, &first, &last);

  put_caret (fixture, offset_of ("Nang"));
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==,
                   "Entity: Place");

  span = tag (fixture, "Ports", "port of Da Nang", NULL);
  load_codes (fixture);
  mg_highlight_painter_set_passages (fixture->painter, &span, 1);
  both = mg_passage_announcer_describe_at (fixture->announcer, offset_of ("Nang"));
  g_assert_cmpstr (both, ==, "Tagged: Ports. Entity: Place");
}

/* A passage whose annotation is gone (deleted elsewhere) is not told, and nothing breaks. */
static void
test_deleted_passage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MgPassageSpan span = tag (fixture, "Trade", "traded", NULL);

  load_codes (fixture);
  mg_highlight_painter_set_passages (fixture->painter, &span, 1);
  g_assert_true (mg_store_delete_annotation (fixture->store, span.id, &error));
  g_assert_no_error (error);
  put_caret (fixture, offset_of ("traded") + 1);
  g_assert_cmpstr (mg_passage_announcer_get_description (fixture->announcer), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/passage-announcer/caret-in-passages", Fixture, NULL, fixture_set_up,
              test_caret_in_passages, fixture_tear_down);
  g_test_add ("/passage-announcer/refresh-after-tagging", Fixture, NULL, fixture_set_up,
              test_refresh_after_tagging, fixture_tear_down);
  g_test_add ("/passage-announcer/entity-type", Fixture, NULL, fixture_set_up,
              test_entity_type, fixture_tear_down);
  g_test_add ("/passage-announcer/deleted-passage", Fixture, NULL, fixture_set_up,
              test_deleted_passage, fixture_tear_down);

  return g_test_run ();
}
