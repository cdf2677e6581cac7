package compare_test

import (
	"fmt"
	"log"

	"github.com/neardup/neardup/compare"
	"github.com/neardup/neardup/prepare"
)

// Prepare the agency copy once, then ask of each newspaper story how much
// of it was written from that copy.
func ExampleDerivation() {
	wire := "كييف، أوكرانيا (AP) – ويظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنودًا كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس. " +
		"وقال المركز إن الجنود تلقوا تدريبًا في قواعد عسكرية في أقصى شرق روسيا قبل نقلهم إلى منطقة كورسك الحدودية."
	stories := []string{
		// The wire copy with the agency's name moved and the spelling changed.
		"أفادت أسوشيتد برس بأنه يظهر مقطع فيديو نشره المركز الأوكراني للاتصالات الاستراتيجية وأمن المعلومات جنوداً كوريين شماليين يصطفون لأخذ حقائب الظهر والملابس من الجنود الروس. " +
			"وقال المركز ان الجنود تلقوا تدريبا في قواعد عسكرية في أقصى شرق روسيا قبل نقلهم إلى منطقة كورسك الحدودية.",
		// One sentence of it, then the paper's own reporting.
		"وقال المركز إن الجنود تلقوا تدريبًا في قواعد عسكرية في أقصى شرق روسيا قبل نقلهم إلى منطقة كورسك الحدودية. " +
			"وفي سيول، قال نواب في البرلمان الكوري الجنوبي بعد إحاطة من جهاز المخابرات إن بيونغ يانغ أرسلت آلاف الجنود خلال الأسابيع الماضية، وإن عددهم قد يرتفع قبل نهاية العام.",
		// An independent report of the same event.
		"نفت موسكو مرارًا وجود قوات كورية شمالية على أراضيها، فيما تحدثت كييف عن وصول دفعات جديدة منهم إلى جبهة كورسك. " +
			"ولم يتسن التحقق من هذه الروايات بشكل مستقل، ولم تعلق بيونغ يانغ على التقارير.",
	}
	var o compare.Options
	p := prepare.Of(prepare.Default)
	doc := func(s string) *prepare.Doc {
		d, err := p.Prepare(s)
		if err != nil {
			log.Fatal(err)
		}
		return d
	}
	a := doc(wire)
	for _, s := range stories {
		r, err := o.Compare(a, doc(s))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s (%s, %.2f of the story in shared passages)\n", r.Derived, r.Verdict, r.CoverageB)
	}
	// Output:
	// wholly-derived (near-duplicate, 0.90 of the story in shared passages)
	// partly-derived (partial-reuse, 0.39 of the story in shared passages)
	// not-derived (unrelated, 0.00 of the story in shared passages)
}
