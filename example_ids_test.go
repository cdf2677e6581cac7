package neardup_test

import (
	"fmt"

	"github.com/neardup/neardup"
)

// Ask about a document already in the corpus: Sources of its own text
// would find the document itself; Of leaves it out.
func ExampleCorpus_Of() {
	c := neardup.NewCorpus(neardup.Default)
	_ = c.AddBatch([]neardup.Document{
		{ID: "wire-1", Text: wire},
		{ID: "site-a", Text: "كِييف، أُوكرانيا (AP) – يظهر مقطـــع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والبدلات والملابس الأخرى من الجنود الروس. ولم تتمكن وكالة أسوشيتد برس من التحقق بشكل مستقل من هذا الفيديو.\n\nاترك تعليقاً"},
	})
	ids, _ := c.IDs()
	fmt.Println(ids)
	own, _ := c.Sources(wire)
	fmt.Println(len(own), "sources of its text, itself included")
	ans, _ := c.Of("wire-1", neardup.DefaultRadius)
	for _, s := range ans.Sources {
		fmt.Println(s.ID, s.Report.Verdict)
	}
	// Output:
	// [wire-1 site-a]
	// 2 sources of its text, itself included
	// site-a identical
}
