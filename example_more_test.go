package neardup_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/neardup/neardup"
	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/store"
)

// Group a day's articles into stories, and list every pair that shares
// text.
func ExampleCorpus_Clusters() {
	c := neardup.NewCorpus(neardup.Default)
	_ = c.AddBatch([]neardup.Document{
		{ID: "wire-1", Text: wire},
		{ID: "other", Text: "نص آخر تماما عن موضوع مختلف لا علاقة له بالخبر الأول على الإطلاق، يتحدث عن الطقس في الرياض والأسواق."},
		// The wire story as another site printed it, and an article made
		// mostly of it, its own lead and ending added: a rewrite, in the
		// same story.
		{ID: "site-a", Text: "كِييف، أُوكرانيا (AP) – يظهر مقطـــع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو.\n\nاترك تعليقاً"},
		{ID: "site-b", Text: "قالت وكالة أسوشيتد برس اليوم إنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس من الجنود الروس. وأضافت أن موسكو لم تعلق."},
	})
	stories, _ := c.Clusters()
	fmt.Println(stories)
	pairs, _ := c.Pairs(compare.PartialReuse)
	for _, p := range pairs {
		fmt.Println(p.A, p.B, p.Report.Verdict)
	}
	// Output:
	// [[wire-1 site-a site-b]]
	// wire-1 site-a identical
	// wire-1 site-b rewrite
	// site-a site-b rewrite
}

// A Config starts from Default; here near-duplicates must have 95% of
// both texts in shared passages, not 80%: the copy with a sentence added
// is then a rewrite (most of the shorter text, the wire, is in it).
func ExampleConfig() {
	strict := neardup.Default
	strict.Compare.NearDuplicate = 0.95
	longer := wire + " وأضافت الوكالة أن موسكو لم تعلق على الفيديو حتى الآن."
	for _, cfg := range []neardup.Config{neardup.Default, strict} {
		a, _ := cfg.Prepare(wire)
		b, _ := cfg.Prepare(longer)
		r, _ := cfg.CompareDocs(a, b)
		fmt.Printf("%s (%.2f of the wire, %.2f of the copy)\n", r.Verdict, r.CoverageA, r.CoverageB)
	}
	// Output:
	// near-duplicate (1.00 of the wire, 0.82 of the copy)
	// rewrite (1.00 of the wire, 0.82 of the copy)
}

// Several processes (here, two corpora) query one store at once.
func ExampleOpenReadOnly() {
	dir, _ := os.MkdirTemp("", "neardup-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "wire.db")
	w, _ := neardup.Open(path, neardup.Default)
	_ = w.Add("wire-1", wire)
	_ = w.Close()

	a, _ := neardup.OpenReadOnly(path, neardup.Default)
	defer a.Close()
	b, _ := neardup.OpenReadOnly(path, neardup.Default)
	defer b.Close()
	for _, c := range []*neardup.Corpus{a, b} {
		near, _ := c.NearDuplicates(wire+"\n\nاترك تعليقاً", neardup.DefaultRadius)
		fmt.Println(near)
	}
	fmt.Println(errors.Is(a.Add("wire-2", wire), store.ErrReadOnly))
	// Output:
	// [{wire-1 0}]
	// [{wire-1 0}]
	// true
}

// Query asks about a prepared document: near-duplicates and sources at
// once, its own stored copy left out.
func ExampleCorpus_Query() {
	c := neardup.NewCorpus(neardup.Default)
	_ = c.Add("wire-1", wire)
	_ = c.Add("paper-1", wire+" ولم تعلق موسكو على التقرير.")

	d, _ := neardup.Prepare(wire)
	ans, _ := c.Query(neardup.Query{Doc: d, ID: "wire-1", Radius: neardup.DefaultRadius})
	fmt.Println(ans.NearDuplicates)
	for _, s := range ans.Sources {
		fmt.Println(s.ID, s.Report.Verdict)
	}
	// Output:
	// [{paper-1 3}]
	// paper-1 near-duplicate
}
