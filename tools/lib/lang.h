/* lang: language tags (BCP 47 shape) as the guide tree and its outputs use them. */
#ifndef GUIDE_LANG_H
#define GUIDE_LANG_H

/* True for tags of the form the guide schema accepts: 1-8 letters, then any
 * number of "-" and 1-8 letters or digits ("en", "pt-BR", "zh-Hant-TW"). */
int lang_valid(const char *tag);

#endif
