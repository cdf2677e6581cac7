package debris_test

import (
	"fmt"
	"strings"

	"github.com/neardup/neardup/debris"
	"github.com/neardup/neardup/normalize"
)

func ExampleStrip() {
	src := `عاجل
انقطاع الكهرباء عن أحياء في العاصمة
قالت شركة الكهرباء إن عطلا في محطة رئيسية قطع التيار عن عشرة أحياء صباح اليوم.
اقرأ أيضاً: ارتفاع أسعار الوقود للمرة الثالثة
وأضافت الشركة أن فرق الصيانة تعمل على إعادة التيار خلال ساعات.
كلمات دلالية: الكهرباء، العاصمة
أضف تعليق`
	t, _ := normalize.Default.Text(src)
	for _, r := range debris.Find(t) {
		s, e := t.ByteSpan(r.Start, r.End)
		fmt.Printf("%s: %q\n", r.Kind, strings.TrimSpace(src[s:e]))
	}
	fmt.Println(debris.Strip(t))
	// Output:
	// marker: "عاجل"
	// marker: "اقرأ أيضاً: ارتفاع أسعار الوقود للمرة الثالثة"
	// trailer: "كلمات دلالية: الكهرباء، العاصمة\nأضف تعليق"
	// انقطاع الكهرباء عن احياء في العاصمه
	// قالت شركه الكهرباء ان عطلا في محطه رءيسيه قطع التيار عن عشره احياء صباح اليوم
	// واضافت الشركه ان فرق الصيانه تعمل علي اعاده التيار خلال ساعات
}
