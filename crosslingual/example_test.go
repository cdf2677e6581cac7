package crosslingual_test

import (
	"fmt"
	"strings"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/crosslingual"
)

// exampleLexicon stands for a lexicon file built with neardup-lexicon
// (crosslingual.LoadLexicon, or LoadLexiconEnv).
func exampleLexicon() *crosslingual.Lexicon {
	lex := crosslingual.NewLexicon()
	for _, p := range [][2]string{{"rain", "أمطار"}, {"flood", "فيضانات"}, {"army", "جيش"}, {"family", "عائلة"},
		{"village", "قرى"}, {"river", "نهر"}, {"meeting", "اجتماع"}, {"emergency", "طارئ"}, {"minister", "وزراء"}} {
		lex.AddPair(p[0], p[1])
	}
	return lex
}

// Compare an English wire story with its Arabic translation: the
// verdict, and the sentences aligned, with their offsets in both texts.
func ExampleOptions_CompareTexts() {
	en := "Heavy rain caused floods in northern Pakistan on Monday.\nThe army evacuated 1,500 families from villages near the river."
	ar := "تسببت الأمطار الغزيرة في فيضانات في شمال باكستان يوم الاثنين.\nوأجلى الجيش ١٬٥٠٠ عائلة من القرى القريبة من النهر."
	o := crosslingual.Options{Lexicon: exampleLexicon()}
	r, err := o.CompareTexts(en, ar)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Verdict)
	for _, p := range r.Passages {
		fmt.Printf("[%d:%d] %s\n  ⇄ [%d:%d] %s\n", p.A.RuneStart, p.A.RuneEnd, en[p.A.Start:p.A.End],
			p.B.RuneStart, p.B.RuneEnd, ar[p.B.Start:p.B.End])
	}
	// Output:
	// translation
	// [0:56] Heavy rain caused floods in northern Pakistan on Monday.
	//   ⇄ [0:61] تسببت الأمطار الغزيرة في فيضانات في شمال باكستان يوم الاثنين.
	// [57:120] The army evacuated 1,500 families from villages near the river.
	//   ⇄ [62:112] وأجلى الجيش ١٬٥٠٠ عائلة من القرى القريبة من النهر.
}

// Find the Arabic documents of a corpus that translate an English text.
func ExampleIndexCorpus() {
	c := neardup.NewCorpus(neardup.Default)
	defer c.Close()
	c.AddBatch([]neardup.Document{
		{ID: "sport", Text: "فاز الفريق المحلي على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء السبت."},
		{ID: "floods", Text: "تسببت الأمطار الغزيرة في فيضانات في شمال باكستان يوم الاثنين.\nوأجلى الجيش ١٬٥٠٠ عائلة من القرى القريبة من النهر."},
	})
	x, err := crosslingual.IndexCorpus(c, crosslingual.Options{Lexicon: exampleLexicon()})
	if err != nil {
		panic(err)
	}
	ms, err := x.Query("Heavy rain caused floods in northern Pakistan on Monday.\nThe army evacuated 1,500 families from villages near the river.")
	if err != nil {
		panic(err)
	}
	for _, m := range ms {
		fmt.Println(m.ID, m.Report.Verdict, strings.Count(fmt.Sprint(m.Report.Passages), "translated"))
	}
	// Output:
	// floods translation 2
}

// Analyse a text into the anchor space: each word or phrase with
// anchors, and their kinds (without a lexicon: no words).
func ExampleOptions_Analyze() {
	text := "On Monday, 2.5 million Americans watched Brett Kavanaugh in Washington."
	d, err := crosslingual.Options{}.Analyze(text, crosslingual.English)
	if err != nil {
		panic(err)
	}
	for _, a := range d.Anchored() {
		fmt.Printf("%s: %s\n", text[a.Span.Start:a.Span.End], a.Kinds)
	}
	// Output:
	// Monday: calendar
	// 2.5 million: number
	// Americans: place+name
	// Brett: name
	// Kavanaugh: name
	// Washington: name
}

// A lexicon file: written with Encode (neardup-lexicon does this from
// the dictionaries), read back with ReadLexicon or LoadLexicon. The
// Arabic side is folded and stemmed, the English side stemmed.
func ExampleReadLexicon() {
	lex := crosslingual.NewLexicon()
	lex.AddPair("floods", "الفيضانات")
	lex.AddPair("river", "نهر")
	var file strings.Builder
	if err := lex.Encode(&file, "two pairs written by hand"); err != nil {
		panic(err)
	}
	fmt.Print(file.String())
	back, err := crosslingual.ReadLexicon(strings.NewReader(file.String()))
	if err != nil {
		panic(err)
	}
	fmt.Println(back.Len(), "pairs")
	// Output:
	// neardup-lexicon 1 stem=1
	// # two pairs written by hand
	// فيض	flood
	// نهر	river
	// 2 pairs
}

// An Index over texts held anywhere (here a map): add the Arabic ones,
// query with English.
func ExampleNewIndex() {
	texts := mapTexts{
		"floods": "تسببت الأمطار الغزيرة في فيضانات في شمال باكستان يوم الاثنين.\nوأجلى الجيش ١٬٥٠٠ عائلة من القرى القريبة من النهر.",
		"sport":  "فاز الفريق المحلي على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء السبت.",
	}
	x := crosslingual.NewIndex(texts, crosslingual.Options{Lexicon: exampleLexicon()})
	for _, id := range []string{"floods", "sport"} {
		if err := x.Add(id, texts[id]); err != nil {
			panic(err)
		}
	}
	ms, err := x.Query("The army evacuated 1,500 families from villages near the river in Pakistan on Monday.")
	if err != nil {
		panic(err)
	}
	for _, m := range ms {
		fmt.Printf("%s %s: %.0f%% of the query\n", m.ID, m.Report.Verdict, 100*m.Report.CoverageB)
	}
	_, err = x.Query(texts["sport"])
	fmt.Println(err)
	// Output:
	// floods translation: 100% of the query
	// crosslingual: the query is not English
}

// mapTexts is an Index's Texts held in memory.
type mapTexts map[string]string

func (m mapTexts) Text(id string) (string, error) { return m[id], nil }
