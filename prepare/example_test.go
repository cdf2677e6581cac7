package prepare_test

import (
	"fmt"

	"github.com/neardup/neardup/prepare"
)

// Prepare a text once; every later step reads the Doc.
func ExamplePipeline_Prepare() {
	p := prepare.Of(prepare.Default)
	d, err := p.Prepare("أعلنت وزارةُ الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة ٥٠٠ سرير.\n[ad_1]")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Text) // folded: harakat, teh marbuta and digits; the ad marker is debris
	fmt.Println(len(d.Words), "content words,", len(d.Marks()), "marks")
	// Output:
	// اعلنت وزاره الصحه اليوم عن افتتاح مستشفي جديد في مدينه جده بسعه 500 سرير
	// 12 content words, 2 marks
}
