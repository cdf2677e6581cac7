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
