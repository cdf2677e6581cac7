package neardup_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/simhash"
)

const wire = `كييف، أوكرانيا (AP) – يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو.`

func ExampleFingerprint() {
	a, _ := neardup.Fingerprint(wire)
	// The same text as another site prints it: harakat, tatweel, other
	// alef and yeh forms, Arabic-Indic digits, a comment form below.
	b, _ := neardup.Fingerprint("كِييف، أُوكرانيا (AP) – يظهر مقطـــع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو.\n\nاترك تعليقاً\nلن يتم نشر عنوان بريدك الإلكتروني.")
	fmt.Println(a.Distance(b))

	_, err := neardup.Fingerprint("[ad_1]\n … ، ")
	fmt.Println(errors.Is(err, simhash.ErrNoFeatures))
	// Output:
	// 0
	// true
}

func ExampleCompare() {
	article := "قالت وكالة أسوشيتد برس اليوم إنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس من الجنود الروس. وأضافت أن موسكو لم تعلق."
	r, _ := neardup.Compare(wire, article)
	fmt.Println(r.Verdict)
	for _, p := range r.Passages {
		fmt.Printf("wire[%d:%d] ⇄ article[%d:%d], %.0f%% exact\n", p.A.RuneStart, p.A.RuneEnd, p.B.RuneStart, p.B.RuneEnd, 100*p.Similarity)
		fmt.Println(article[p.B.Start:p.B.End])
	}
	fmt.Printf("%.0f%% of the wire is in the article, %.0f%% of the article is wire\n", 100*r.CoverageA, 100*r.CoverageB)
	// Output:
	// rewrite
	// wire[22:184] ⇄ article[33:188], 96% exact
	// يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس من الجنود الروس
	// 67% of the wire is in the article, 73% of the article is wire
}

func ExamplePrepare() {
	docs := []string{wire, "نص آخر تماما عن موضوع مختلف لا علاقة له بالخبر الأول على الإطلاق، يتحدث عن الطقس في الرياض.", wire + "\n[ad_1]"}
	first, _ := neardup.Prepare(docs[0])
	for i, text := range docs[1:] {
		d, _ := neardup.Prepare(text)
		r, _ := neardup.Default.CompareDocs(first, d)
		fmt.Println(i+1, r.Verdict)
	}
	// Output:
	// 1 unrelated
	// 2 identical
}

func ExampleCorpus() {
	c := neardup.NewCorpus(neardup.Default)
	_ = c.Add("wire-1", wire)
	_ = c.Add("other", "نص آخر تماما عن موضوع مختلف لا علاقة له بالخبر الأول على الإطلاق، يتحدث عن الطقس في الرياض والأسواق.")

	// The wire story as another site printed it: same article, another spelling.
	near, _ := c.NearDuplicates("كِييف، أُوكرانيا (AP) – يظهر مقطـــع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو.", neardup.DefaultRadius)
	fmt.Println(near)

	// An article that reuses part of it.
	srcs, _ := c.Sources("قالت وكالة أسوشيتد برس اليوم إنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس من الجنود الروس. وأضافت أن موسكو لم تعلق.")
	for _, s := range srcs {
		fmt.Println(s.ID, s.Report.Verdict, len(s.Report.Passages))
	}
	// Output:
	// [{wire-1 0}]
	// wire-1 rewrite 1
}

func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "neardup-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "wire.db")

	// A first run stores the wire story; Close saves the indexes too.
	c, err := neardup.Open(path, neardup.Default)
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = c.AddBatch([]neardup.Document{{ID: "wire-1", Text: wire}})
	_ = c.Close()

	// A later run finds it again.
	c, _ = neardup.Open(path, neardup.Default)
	fmt.Println(c.Len())
	srcs, _ := c.Sources("قالت وكالة أسوشيتد برس اليوم إنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس من الجنود الروس. وأضافت أن موسكو لم تعلق.")
	for _, s := range srcs {
		fmt.Println(s.ID, s.Report.Verdict)
	}
	_ = c.Close() // one process opens a store at a time

	// Other normalization settings would mix two foldings in one store.
	other := neardup.Default
	other.KeepDebris = true
	_, err = neardup.Open(path, other)
	fmt.Println(errors.Is(err, neardup.ErrConfig))
	// Output:
	// 1
	// wire-1 rewrite
	// true
}
