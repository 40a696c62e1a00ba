/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a reader with low vision gets from the colours of the reader, in the light and the
 * dark style: text on every highlight the code palette makes (one passage or nested ones)
 * keeps WCAG's 4.5:1, and every entity underline stands 3:1 off the background, the same
 * colour as its dot on the Entities page. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mg-code.h"
#include "mg-entity-mention.h"
#include "mg-highlight-layout.h"

/* libadwaita's view backgrounds */
#define LIGHT_BACKGROUND 0xffffff
#define DARK_BACKGROUND 0x1e1e1e

static double
linear (guint channel)
{
  double c = channel / 255.0;

  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * linear ((rgb >> 16) & 0xff) + 0.7152 * linear ((rgb >> 8) & 0xff)
         + 0.0722 * linear (rgb & 0xff);
}

static double
contrast (guint32 a,
          guint32 b)
{
  double x = luminance (a), y = luminance (b);

  return (MAX (x, y) + 0.05) / (MIN (x, y) + 0.05);
}

static guint32
parse (const char *colour)
{
  guint64 value = 0;

  g_assert_nonnull (colour);
  g_assert_cmpint ((guchar) colour[0], ==, '#');
  g_assert_true (g_ascii_string_to_unsigned (colour + 1, 16, 0, 0xffffff, &value, NULL));
  return (guint32) value;
}

/* The text on what the painter paints where @n passages overlap, in one style. */
static void
assert_legible (const guint32 *colours,
                guint          n,
                gboolean       dark)
{
  guint32 blend = mg_highlight_layout_blend (colours, n, dark);
  double ratio = mg_highlight_layout_text_contrast (blend >> 8, (blend & 0xff) / 255.0, dark);

  if (ratio < MG_HIGHLIGHT_MIN_TEXT_CONTRAST)
    g_error ("%u passage(s) of #%06x in the %s style: text contrast %.2f", n, colours[0],
             dark ? "dark" : "light", ratio);
  /* Still a highlight: visibly off the background. */
  g_assert_cmpuint (blend & 0xff, >=, 0.1 * 255);
}

static void
test_palette_highlights (void)
{
  for (guint i = 0; i < MG_CODE_PALETTE_SIZE; i++)
    for (guint j = 0; j < MG_CODE_PALETTE_SIZE; j++)
      {
        guint32 colours[MG_HIGHLIGHT_MAX_BLEND];

        for (guint n = 1; n <= MG_HIGHLIGHT_MAX_BLEND; n++)
          {
            colours[n - 1] = parse (mg_code_palette_colour (n % 2 ? i : j));
            assert_legible (colours, n, FALSE);
            assert_legible (colours, n, TRUE);
          }
      }
}

/* A code may take any colour (Custom…): the wash thins so the text stays readable. */
static void
test_any_colour_highlights (void)
{
  static const guint32 extremes[] = { 0x000000, 0xffffff, 0xffff00, 0x00ffff, 0x0000ff,
                                      0x1e1e1e, 0x808080 };

  for (guint i = 0; i < G_N_ELEMENTS (extremes); i++)
    for (guint n = 1; n <= MG_HIGHLIGHT_MAX_BLEND; n++)
      {
        guint32 colours[MG_HIGHLIGHT_MAX_BLEND] = { extremes[i], extremes[i], extremes[i],
                                                    extremes[i] };

        assert_legible (colours, n, FALSE);
        assert_legible (colours, n, TRUE);
      }
}

/* Nested passages still read deeper than one where the text allows it. */
static void
test_nesting_still_shows (void)
{
  guint32 blue[] = { 0x0072b2, 0x0072b2 };

  g_assert_cmpuint (mg_highlight_layout_blend (blue, 2, FALSE) & 0xff, >,
                    mg_highlight_layout_blend (blue, 1, FALSE) & 0xff);
  g_assert_cmpuint (mg_highlight_layout_blend (blue, 2, TRUE) & 0xff, >,
                    mg_highlight_layout_blend (blue, 1, TRUE) & 0xff);
}

/* The underlines (non-text marks): 3:1 on both backgrounds, one colour per type. */
static void
test_entity_marks (void)
{
  for (guint t = 0; t < MG_ENTITY_N_TYPES; t++)
    {
      guint32 colour = parse (mg_entity_type_colour (t));

      if (contrast (colour, LIGHT_BACKGROUND) < 3.0 || contrast (colour, DARK_BACKGROUND) < 3.0)
        g_error ("%s (%s): %.2f on light, %.2f on dark", mg_entity_type_to_string (t),
                 mg_entity_type_colour (t), contrast (colour, LIGHT_BACKGROUND),
                 contrast (colour, DARK_BACKGROUND));
      for (guint u = 0; u < t; u++)
        g_assert_cmpstr (mg_entity_type_colour (t), !=, mg_entity_type_colour (u));
    }
}

/* The dots of the Entities page are styled in CSS: they must be the underlines' colours. */
static void
test_entity_dots_match (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ui", "style.css", NULL);
  g_autofree char *css = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &css, NULL, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < MG_ENTITY_N_TYPES; t++)
    {
      g_autofree char *rule = g_strdup_printf (".entity-%s { background-color: %s; }",
                                               mg_entity_type_to_string (t),
                                               mg_entity_type_colour (t));

      if (strstr (css, rule) == NULL)
        g_error ("ui/style.css lacks “%s”", rule);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/a11y-contrast/palette-highlights", test_palette_highlights);
  g_test_add_func ("/a11y-contrast/any-colour-highlights", test_any_colour_highlights);
  g_test_add_func ("/a11y-contrast/nesting-still-shows", test_nesting_still_shows);
  g_test_add_func ("/a11y-contrast/entity-marks", test_entity_marks);
  g_test_add_func ("/a11y-contrast/entity-dots-match", test_entity_dots_match);

  return g_test_run ();
}
