package debris

// class is what a boilerplate phrase announces. It decides what happens
// to a line the phrase matches, beyond the line itself being debris (see
// classes).
type class uint8

const (
	clsAd        class = iota // ad slots and labels
	clsBadge                  // story flags above a headline
	clsReadAlso               // "read also" links and headers
	clsRelated                // related-article widget headers
	clsTags                   // tags lines
	clsComment                // comment forms
	clsShareEnd               // share-this-article blocks
	clsFollow                 // share buttons, follow and subscribe prompts
	clsSource                 // source, byline and credit lines
	clsCopyright              // copyright lines
	clsCookie                 // cookie notices
	clsAppeal                 // support appeals
	clsDonate                 // donate buttons
	clsControl                // box controls
	numClasses
)

// classInfo is what a class does.
type classInfo struct {
	// maxWords bounds the lines a start or anywhere phrase of the class
	// may mark: a longer line is body text that happens to contain the
	// phrase. Lines made only of lexicon phrases are bounded by
	// maxLabelWords instead.
	maxWords int
	// listItems > 0 makes a line holding only the phrase a list header:
	// up to that many headline-like lines after it are debris too.
	listItems int
	// trailer makes the line a candidate start of the trailer.
	trailer bool
	// opens makes the line open a box; closes lets it close one.
	opens, closes bool
}

var classes = [numClasses]classInfo{
	clsAd:    {maxWords: 12},
	clsBadge: {maxWords: 4},
	// An injected link is the marker plus one headline.
	clsReadAlso: {maxWords: 25, listItems: 6},
	// A related widget shows up to a dozen headlines; its header may
	// carry a word or two more ("related articles from X").
	clsRelated: {maxWords: 10, listItems: 12, trailer: true},
	// Tags lines list many tags.
	clsTags: {maxWords: 40, trailer: true},
	// Comment-form phrases are long and specific; the form text around
	// them is a sentence or two.
	clsComment:   {maxWords: 60, trailer: true},
	clsShareEnd:  {maxWords: 12, trailer: true},
	clsFollow:    {maxWords: 25},
	clsSource:    {maxWords: 12},
	clsCopyright: {maxWords: 30},
	clsCookie:    {maxWords: 60},
	clsAppeal:    {maxWords: 60, opens: true},
	clsDonate:    {maxWords: 8, closes: true},
	clsControl:   {maxWords: 8, closes: true},
}

// mode says where in a line a phrase must be. The zero mode, for
// entries that name none, is "only": the phrase marks a line made only of
// lexicon phrases and numbers ("[ad_1]" folds to "ad 1", "Share 12").
// Common words whose only boilerplate use is as a label ("عاجل",
// "Share", "Close") have the zero mode.
type mode uint8

const (
	// start: the phrase marks a line it starts, up to the class bound.
	start mode = iota + 1
	// anywhere: the phrase marks a line it occurs in, up to the class
	// bound. Only long, specific phrases are anywhere.
	anywhere
)

// entry is one lexicon phrase in natural spelling.
type entry struct {
	text  string
	class class
	mode  mode
	// label: when the phrase starts a line with more after it, the
	// original text must have a colon or dash right after the phrase
	// ("المصدر: الوطن", "Tags: …"). It is set on single common words that
	// also begin ordinary sentences ("المصدر قال", "Source close to …").
	label bool
	// caps: the phrase must be written in capitals in the original. It
	// is set on "READ", which link-injection plugins write in capitals and
	// prose writes as "Read".
	caps bool
}

// lexicon is every boilerplate phrase the detector knows, grouped by
// class. Spelling variants that fold alike need no entry of their own
// (اقرأ/إقرأ/اقرا, أيضاً/ايضا, ة/ه, ی/ي, case); inflected and differently
// worded variants do.
var lexicon = []entry{
	// Ad slots left by ad plugins ("[ad_1]" folds to "ad 1") and ad
	// labels. A line of nothing but these is never article text.
	{text: "ad", class: clsAd},
	{text: "ads", class: clsAd},
	{text: "advertisement", class: clsAd},
	{text: "advertising", class: clsAd},
	{text: "sponsored", class: clsAd},
	{text: "sponsored content", class: clsAd},
	{text: "paid content", class: clsAd},
	{text: "paid post", class: clsAd},
	{text: "story continues below", class: clsAd},
	{text: "article continues below", class: clsAd},
	{text: "continue reading", class: clsAd},
	{text: "continue reading below", class: clsAd},
	{text: "continue reading the main story", class: clsAd},
	{text: "scroll to continue with content", class: clsAd},
	{text: "skip advertisement", class: clsAd},
	{text: "إعلان", class: clsAd},
	{text: "إعلانات", class: clsAd},
	{text: "إعلان ممول", class: clsAd},
	{text: "محتوى ممول", class: clsAd},
	{text: "محتوى مدفوع", class: clsAd},
	{text: "تابع القراءة", class: clsAd},
	{text: "يتبع", class: clsAd},

	// Badges: a story flag alone on its line, above or beside the
	// headline. Alone is the only safe place for these common words.
	{text: "عاجل", class: clsBadge},
	{text: "خبر عاجل", class: clsBadge},
	{text: "أخبار عاجلة", class: clsBadge},
	{text: "حصري", class: clsBadge},
	{text: "خاص", class: clsBadge},
	{text: "مباشر", class: clsBadge},
	{text: "بث مباشر", class: clsBadge},
	{text: "تحديث", class: clsBadge},
	{text: "محدث", class: clsBadge},
	{text: "فيديو", class: clsBadge},
	{text: "بالفيديو", class: clsBadge},
	{text: "صور", class: clsBadge},
	{text: "بالصور", class: clsBadge},
	{text: "شاهد", class: clsBadge},
	{text: "استمع", class: clsBadge},
	{text: "رأي", class: clsBadge},
	{text: "breaking", class: clsBadge},
	{text: "breaking news", class: clsBadge},
	{text: "exclusive", class: clsBadge},
	{text: "live", class: clsBadge},
	{text: "live updates", class: clsBadge},
	{text: "updated", class: clsBadge},
	{text: "update", class: clsBadge},
	{text: "video", class: clsBadge},
	{text: "watch", class: clsBadge},
	{text: "photos", class: clsBadge},
	{text: "gallery", class: clsBadge},
	{text: "listen", class: clsBadge},
	{text: "opinion", class: clsBadge},
	{text: "analysis", class: clsBadge},

	// "Read also" links. Alone on its line the phrase heads a short list
	// of other headlines; followed by a headline on the same line it is
	// one injected link, and only that line goes.
	{text: "اقرأ أيضاً", class: clsReadAlso, mode: start},
	{text: "اقرأ كذلك", class: clsReadAlso, mode: start},
	{text: "اقرأ المزيد", class: clsReadAlso, mode: start},
	{text: "اقرأ", class: clsReadAlso, mode: start, label: true},
	{text: "طالع أيضاً", class: clsReadAlso, mode: start},
	{text: "شاهد أيضاً", class: clsReadAlso, mode: start},
	{text: "اقرأ الخبر", class: clsReadAlso, mode: start},
	{text: "للمزيد اقرأ", class: clsReadAlso, mode: start},
	{text: "read also", class: clsReadAlso, mode: start},
	{text: "also read", class: clsReadAlso, mode: start},
	{text: "read more", class: clsReadAlso, mode: start},
	{text: "read next", class: clsReadAlso, mode: start},
	{text: "see also", class: clsReadAlso, mode: start},
	{text: "more on this story", class: clsReadAlso, mode: start},
	{text: "related", class: clsReadAlso, mode: start, label: true},
	{text: "READ", class: clsReadAlso, mode: start, caps: true},
	// Links to the neighbouring posts, which themes print the same way.
	{text: "المقال التالي", class: clsReadAlso, mode: start},
	{text: "المقال السابق", class: clsReadAlso, mode: start},
	{text: "الخبر التالي", class: clsReadAlso, mode: start},
	{text: "الخبر السابق", class: clsReadAlso, mode: start},
	{text: "next article", class: clsReadAlso, mode: start},
	{text: "previous article", class: clsReadAlso, mode: start},
	{text: "next post", class: clsReadAlso, mode: start},
	{text: "previous post", class: clsReadAlso, mode: start},

	// Related-article widgets: a header and a list of headlines, usually
	// where the article ends.
	{text: "مقالات مشابهة", class: clsRelated, mode: start},
	{text: "مقالات ذات صلة", class: clsRelated, mode: start},
	{text: "مقالات متعلقة", class: clsRelated, mode: start},
	{text: "أخبار ذات صلة", class: clsRelated, mode: start},
	{text: "أخبار متعلقة", class: clsRelated, mode: start},
	{text: "أخبار مشابهة", class: clsRelated, mode: start},
	{text: "مواضيع ذات صلة", class: clsRelated, mode: start},
	{text: "مواضيع متعلقة", class: clsRelated, mode: start},
	{text: "مواضيع مشابهة", class: clsRelated, mode: start},
	{text: "موضوعات ذات صلة", class: clsRelated, mode: start},
	{text: "قد يهمك أيضاً", class: clsRelated, mode: start},
	{text: "قد يعجبك أيضاً", class: clsRelated, mode: start},
	{text: "قد يهمك", class: clsRelated},
	{text: "قد يعجبك", class: clsRelated},
	{text: "الأكثر قراءة", class: clsRelated},
	{text: "الأكثر مشاهدة", class: clsRelated},
	{text: "الأكثر تداولاً", class: clsRelated},
	{text: "اخترنا لك", class: clsRelated},
	{text: "المزيد من الأخبار", class: clsRelated},
	{text: "related articles", class: clsRelated, mode: start},
	{text: "related stories", class: clsRelated, mode: start},
	{text: "related news", class: clsRelated, mode: start},
	{text: "related posts", class: clsRelated, mode: start},
	{text: "related content", class: clsRelated, mode: start},
	{text: "related coverage", class: clsRelated, mode: start},
	{text: "you may also like", class: clsRelated, mode: start},
	{text: "you might also like", class: clsRelated, mode: start},
	{text: "more stories", class: clsRelated},
	{text: "more news", class: clsRelated},
	{text: "recommended", class: clsRelated},
	{text: "recommended for you", class: clsRelated},
	{text: "most read", class: clsRelated},
	{text: "most popular", class: clsRelated},
	{text: "trending", class: clsRelated},
	{text: "trending now", class: clsRelated},
	{text: "top stories", class: clsRelated},

	// Tags lines: the label and a list of tags.
	{text: "كلمات دلالية", class: clsTags, mode: start},
	{text: "الكلمات الدلالية", class: clsTags, mode: start},
	{text: "كلمات مفتاحية", class: clsTags, mode: start},
	{text: "الكلمات المفتاحية", class: clsTags, mode: start},
	{text: "الوسوم", class: clsTags, mode: start, label: true},
	{text: "وسوم", class: clsTags, mode: start, label: true},
	{text: "tags", class: clsTags, mode: start, label: true},
	{text: "tagged", class: clsTags, mode: start, label: true},
	{text: "topics", class: clsTags, mode: start, label: true},
	{text: "filed under", class: clsTags, mode: start},

	// Comment forms: the header, and the stock sentences of comment
	// plugins (WordPress and others), which no article contains.
	{text: "اترك تعليقاً", class: clsComment, mode: start},
	{text: "اترك رداً", class: clsComment, mode: start},
	{text: "اترك رد", class: clsComment, mode: start},
	{text: "أضف تعليقاً", class: clsComment, mode: start},
	{text: "أضف تعليق", class: clsComment, mode: start},
	{text: "أضف تعليقك", class: clsComment, mode: start},
	{text: "اكتب تعليقك", class: clsComment, mode: start},
	{text: "التعليقات", class: clsComment, mode: start, label: true},
	{text: "تعليقات", class: clsComment, mode: start, label: true},
	{text: "إلغاء الرد", class: clsComment},
	{text: "leave a reply", class: clsComment, mode: start},
	{text: "leave a comment", class: clsComment, mode: start},
	{text: "post a comment", class: clsComment, mode: start},
	{text: "add a comment", class: clsComment, mode: start},
	{text: "comments", class: clsComment, mode: start, label: true},
	{text: "join the conversation", class: clsComment, mode: start},
	{text: "cancel reply", class: clsComment},
	{text: "لن يتم نشر عنوان بريدك الإلكتروني", class: clsComment, mode: anywhere},
	{text: "لن يتم نشر بريدك الإلكتروني", class: clsComment, mode: anywhere},
	{text: "الحقول الإلزامية مشار إليها", class: clsComment, mode: anywhere},
	{text: "الحقول المطلوبة مشار إليها", class: clsComment, mode: anywhere},
	{text: "احفظ اسمي، بريدي الإلكتروني", class: clsComment, mode: anywhere},
	{text: "your email address will not be published", class: clsComment, mode: anywhere},
	{text: "required fields are marked", class: clsComment, mode: anywhere},
	{text: "save my name, email, and website in this browser", class: clsComment, mode: anywhere},
	{text: "you must be logged in to post a comment", class: clsComment, mode: anywhere},

	// Share blocks that name the article: they sit under it.
	{text: "شارك هذا المقال", class: clsShareEnd, mode: start},
	{text: "شارك المقال", class: clsShareEnd, mode: start},
	{text: "شارك هذه المقالة", class: clsShareEnd, mode: start},
	{text: "شارك الخبر", class: clsShareEnd, mode: start},
	{text: "شارك هذا الخبر", class: clsShareEnd, mode: start},
	{text: "share this article", class: clsShareEnd, mode: start},
	{text: "share this story", class: clsShareEnd, mode: start},
	{text: "share this post", class: clsShareEnd, mode: start},

	// Share buttons, follow and subscribe prompts: sites put them under
	// the headline and inject them mid-article too, so they take their
	// own line only.
	{text: "شارك", class: clsFollow},
	{text: "مشاركة", class: clsFollow},
	{text: "طباعة", class: clsFollow},
	{text: "نسخ", class: clsFollow},
	{text: "نسخ الرابط", class: clsFollow},
	{text: "انسخ الرابط", class: clsFollow},
	{text: "تم نسخ الرابط", class: clsFollow},
	{text: "فيسبوك", class: clsFollow},
	{text: "فيس بوك", class: clsFollow},
	{text: "تويتر", class: clsFollow},
	{text: "واتساب", class: clsFollow},
	{text: "واتس آب", class: clsFollow},
	{text: "تيليجرام", class: clsFollow},
	{text: "تليجرام", class: clsFollow},
	{text: "تلغرام", class: clsFollow},
	{text: "share", class: clsFollow},
	{text: "tweet", class: clsFollow},
	{text: "email", class: clsFollow},
	{text: "print", class: clsFollow},
	{text: "save", class: clsFollow},
	{text: "copy link", class: clsFollow},
	{text: "link copied", class: clsFollow},
	{text: "facebook", class: clsFollow},
	{text: "twitter", class: clsFollow},
	{text: "whatsapp", class: clsFollow},
	{text: "telegram", class: clsFollow},
	{text: "linkedin", class: clsFollow},
	{text: "pinterest", class: clsFollow},
	{text: "reddit", class: clsFollow},
	{text: "newsletter", class: clsFollow},
	{text: "تابعونا على", class: clsFollow, mode: anywhere},
	{text: "تابعنا على", class: clsFollow, mode: anywhere},
	// "اشترك في" alone also means "took part in": only the subscribe
	// senses are listed.
	{text: "اشترك الآن", class: clsFollow, mode: start},
	{text: "اشترك في النشرة", class: clsFollow, mode: start},
	{text: "اشترك في نشرتنا", class: clsFollow, mode: start},
	{text: "اشترك في قناتنا", class: clsFollow, mode: start},
	{text: "انضم إلى قناتنا", class: clsFollow, mode: anywhere},
	{text: "follow us", class: clsFollow, mode: start},
	{text: "follow us on", class: clsFollow, mode: anywhere},
	{text: "subscribe to our", class: clsFollow, mode: start},
	{text: "sign up for our", class: clsFollow, mode: start},
	{text: "sign up to our", class: clsFollow, mode: start},
	{text: "اضغط هنا", class: clsFollow, mode: anywhere},
	{text: "click here", class: clsFollow, mode: anywhere},

	// Source, byline and credit lines. They also appear mid-article
	// (chart credits, "Source: …" under a quote box), so they take their
	// own line only and start no trailer.
	{text: "المصدر", class: clsSource, mode: start, label: true},
	{text: "مصدر", class: clsSource, mode: start, label: true},
	{text: "المصادر", class: clsSource, mode: start, label: true},
	{text: "مصدر الخبر", class: clsSource, mode: start},
	{text: "بقلم", class: clsSource, mode: start},
	{text: "كتب", class: clsSource, mode: start, label: true},
	{text: "كتبت", class: clsSource, mode: start, label: true},
	{text: "تحرير", class: clsSource, mode: start, label: true},
	{text: "إعداد", class: clsSource, mode: start, label: true},
	{text: "ترجمة", class: clsSource, mode: start, label: true},
	{text: "تصوير", class: clsSource, mode: start, label: true},
	{text: "صورة", class: clsSource, mode: start, label: true},
	{text: "الصورة", class: clsSource, mode: start, label: true},
	{text: "source", class: clsSource, mode: start, label: true},
	{text: "sources", class: clsSource, mode: start, label: true},
	{text: "via", class: clsSource, mode: start, label: true},
	{text: "credit", class: clsSource, mode: start, label: true},
	{text: "photo", class: clsSource, mode: start, label: true},
	{text: "image", class: clsSource, mode: start, label: true},
	{text: "reporting by", class: clsSource, mode: start},
	{text: "additional reporting by", class: clsSource, mode: start},
	{text: "editing by", class: clsSource, mode: start},
	{text: "writing by", class: clsSource, mode: start},
	{text: "written by", class: clsSource, mode: start},
	{text: "photo by", class: clsSource, mode: start},
	{text: "ap photo", class: clsSource, mode: start},
	{text: "afp photo", class: clsSource, mode: start},
	{text: "صورة أرشيفية", class: clsSource},
	{text: "صورة تعبيرية", class: clsSource},
	// Date lines. "نشر في" is left out: it also begins sentences ("نشر
	// في الجريدة الرسمية قرار").
	{text: "تاريخ النشر", class: clsSource, mode: start},
	{text: "آخر تحديث", class: clsSource, mode: start},
	{text: "published", class: clsSource, mode: start, label: true},
	{text: "updated", class: clsSource, mode: start, label: true},
	{text: "last updated", class: clsSource, mode: start},
	{text: "posted on", class: clsSource, mode: start},

	// Photo credits and agency datelines alone on a line ("AFP via Getty
	// Images", "سي إن إن —"): a copy of the story on another site carries
	// another credit or none.
	{text: "getty images", class: clsSource},
	{text: "afp", class: clsSource},
	{text: "reuters", class: clsSource},
	{text: "ap", class: clsSource},
	{text: "associated press", class: clsSource},
	{text: "cnn", class: clsSource},
	{text: "bbc", class: clsSource},
	{text: "رويترز", class: clsSource},
	{text: "أ ف ب", class: clsSource},
	{text: "فرانس برس", class: clsSource},
	{text: "أسوشيتد برس", class: clsSource},
	{text: "الأناضول", class: clsSource},
	{text: "سي إن إن", class: clsSource},
	{text: "بي بي سي", class: clsSource},
	{text: "وكالات", class: clsSource},

	// Copyright lines.
	{text: "©", class: clsCopyright, mode: start},
	{text: "copyright", class: clsCopyright, mode: start},
	{text: "حقوق النشر", class: clsCopyright, mode: start},
	{text: "جميع الحقوق محفوظة", class: clsCopyright, mode: anywhere},
	{text: "جميع حقوق النشر محفوظة", class: clsCopyright, mode: anywhere},
	{text: "حقوق الطبع والنشر محفوظة", class: clsCopyright, mode: anywhere},
	{text: "all rights reserved", class: clsCopyright, mode: anywhere},
	{text: "may not be published, broadcast, rewritten or redistributed", class: clsCopyright, mode: anywhere},

	// Cookie notices.
	{text: "نستخدم ملفات تعريف الارتباط", class: clsCookie, mode: anywhere},
	{text: "يستخدم هذا الموقع ملفات تعريف الارتباط", class: clsCookie, mode: anywhere},
	{text: "يستخدم موقعنا ملفات تعريف الارتباط", class: clsCookie, mode: anywhere},
	{text: "we use cookies", class: clsCookie, mode: anywhere},
	{text: "this website uses cookies", class: clsCookie, mode: anywhere},
	{text: "this site uses cookies", class: clsCookie, mode: anywhere},
	{text: "accept cookies", class: clsCookie},
	{text: "accept all cookies", class: clsCookie},
	{text: "cookie policy", class: clsCookie},
	{text: "privacy policy", class: clsCookie},

	// Support appeals. The appeal's own paragraphs follow it, up to the
	// box control or donate button that ends its box.
	{text: "دعمكم يساعدنا على رواية القصة", class: clsAppeal, mode: anywhere},
	{text: "ادعم الصحافة المستقلة", class: clsAppeal, mode: anywhere},
	{text: "ادعموا الصحافة المستقلة", class: clsAppeal, mode: anywhere},
	{text: "support independent journalism", class: clsAppeal, mode: anywhere},
	{text: "support our journalism", class: clsAppeal, mode: anywhere},
	{text: "support quality journalism", class: clsAppeal, mode: anywhere},
	{text: "your support helps us", class: clsAppeal, mode: anywhere},

	// Donate buttons: they end an appeal box.
	{text: "تبرع", class: clsDonate},
	{text: "تبرع الآن", class: clsDonate},
	{text: "ادعمنا", class: clsDonate},
	{text: "donate", class: clsDonate},
	{text: "donate now", class: clsDonate},
	{text: "support us", class: clsDonate},
	{text: "contribute", class: clsDonate},
	{text: "make a contribution", class: clsDonate},

	// Controls of collapsible boxes ("إغلاق إقرأ المزيد إغلاق"): they
	// end an appeal box.
	{text: "إغلاق", class: clsControl},
	{text: "إخفاء", class: clsControl},
	{text: "عرض أقل", class: clsControl},
	{text: "close", class: clsControl},
	{text: "hide", class: clsControl},
	{text: "show less", class: clsControl},
	{text: "collapse", class: clsControl},
	{text: "dismiss", class: clsControl},
	{text: "×", class: clsControl},
	{text: "✕", class: clsControl},
}
