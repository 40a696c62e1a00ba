/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void mg_a11y_label_first_of_type    (GtkWidget  *root,
                                     GType       type,
                                     const char *text);
void mg_a11y_label_button_with_icon (GtkWidget  *root,
                                     const char *icon_name,
                                     const char *text);
void mg_a11y_label_toasts           (AdwToastOverlay      *overlay,
                                     const char           *text);
void mg_a11y_label_help_overlay     (GtkApplicationWindow *window);

G_END_DECLS
