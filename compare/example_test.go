package compare_test

import (
	"fmt"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/prepare"
)

func ExampleOptions_Compare() {
	wire := "كييف، أوكرانيا (AP) – ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس."
	paper := "نقلت وكالة أسوشيتد برس أنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس. ولم يتسن التحقق منه."
	p := prepare.Of(prepare.Default)
	a, _ := p.Prepare(wire)
	b, _ := p.Prepare(paper)
	var o compare.Options
	r, _ := o.Compare(a, b)
	fmt.Println(r.Verdict, len(r.Passages))
	pa := r.Passages[0]
	fmt.Println(paper[pa.B.Start:pa.B.End])
	fmt.Printf("%.2f of the wire is in the paper\n", r.CoverageA)
	// Output:
	// rewrite 1
	// مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس
	// 0.86 of the wire is in the paper
}

// A Stats over a large collection may stop counting a mark's documents
// at CommonMark: beyond it every count gives the same reports.
func ExampleCommonMark() {
	for _, docs := range []int{10_000, 100_000, 10_000_000} {
		fmt.Println(docs, compare.CommonMark(docs))
	}
	// Output:
	// 10000 16
	// 100000 51
	// 10000000 5001
}
