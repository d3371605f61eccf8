package config

// field is one Config field seen through its codec and checks, so the loader,
// the flags and the printer can handle every option alike.
type field interface {
	// set parses raw, checks the result and stores it.
	set(raw any) error
	// get returns the stored value in plain form for YAML or JSON.
	get() any
	flagType() string
}

type boundField[T any] struct {
	ptr    *T
	codec  codec[T]
	checks []func(T) error
}

func (f boundField[T]) set(raw any) error {
	v, err := f.codec.parse(raw)
	if err != nil {
		return err
	}
	for _, check := range f.checks {
		if err := check(v); err != nil {
			return err
		}
	}
	*f.ptr = v
	return nil
}

func (f boundField[T]) get() any { return f.codec.format(*f.ptr) }

func (f boundField[T]) flagType() string { return f.codec.flagType }

// bind ties an option to the Config field that ptr points at, reading it
// with c and accepting it only if every check passes.
func bind[T any](c codec[T], ptr func(*Config) *T, checks ...func(T) error) func(*Config) field {
	return func(cfg *Config) field {
		return boundField[T]{ptr: ptr(cfg), codec: c, checks: checks}
	}
}
