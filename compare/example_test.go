package compare_test

import (
	"fmt"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/normalize"
)

func ExampleOptions_Compare() {
	wire := "كييف، أوكرانيا (AP) – ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس."
	paper := "نقلت وكالة أسوشيتد برس أنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس. ولم يتسن التحقق منه."
	var o compare.Options
	ta, _ := normalize.Default.Text(wire)
	tb, _ := normalize.Default.Text(paper)
	r, _ := o.Compare(o.Prepare(ta), o.Prepare(tb))
	fmt.Println(r.Verdict, len(r.Passages))
	p := r.Passages[0]
	fmt.Println(paper[p.B.Start:p.B.End])
	fmt.Printf("%.2f of the wire is in the paper\n", r.CoverageA)
	// Output:
	// partial-reuse 1
	// مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس
	// 0.86 of the wire is in the paper
}
