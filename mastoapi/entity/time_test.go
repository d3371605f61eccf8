package entity

import (
	"encoding/json"
	"testing"
	"time"
)

// TestTimeFormats checks the two formats clients parse: timestamps always in UTC with
// exactly three decimals, and bare dates.
func TestTimeFormats(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	cases := []struct {
		name string
		v    any
		want string
	}{
		{"UTC with milliseconds", NewTime(time.Date(2019, 12, 8, 3, 48, 33, 901_000_000, time.UTC)), `"2019-12-08T03:48:33.901Z"`},
		{"other zones become UTC", NewTime(time.Date(2019, 12, 8, 4, 48, 33, 0, berlin)), `"2019-12-08T03:48:33.000Z"`},
		{"sub-millisecond digits dropped", NewTime(time.Date(2019, 1, 2, 3, 4, 5, 123_456_789, time.UTC)), `"2019-01-02T03:04:05.123Z"`},
		{"nil time is null", NewTimePtr(nil), `null`},
		{"date in UTC", NewDatePtr(ptr(time.Date(2019, 11, 25, 0, 30, 0, 0, berlin))), `"2019-11-24"`},
		{"account day", NewTime(midnightUTC(time.Date(2017, 2, 8, 2, 0, 53, 0, time.UTC))), `"2017-02-08T00:00:00.000Z"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("got %s, want %s", b, tc.want)
			}
		})
	}
}

func TestTimeRoundTrip(t *testing.T) {
	in := NewTime(time.Date(2019, 12, 8, 3, 48, 33, 901_000_000, time.UTC))
	b, _ := json.Marshal(in)
	var out Time
	if err := json.Unmarshal(b, &out); err != nil || !out.Equal(in.Time) {
		t.Errorf("round trip of %s gave %v, %v", b, out, err)
	}
	var d Date
	if err := json.Unmarshal([]byte(`"2019-11-24"`), &d); err != nil || d.Format(dateLayout) != "2019-11-24" {
		t.Errorf("date round trip gave %v, %v", d, err)
	}
}

func ptr[T any](v T) *T { return &v }
