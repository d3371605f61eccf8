package posting

// The poll duration bounds the checks enforce, exported for the surfaces that tell
// apps what they may post (Mastodon's instance configuration), so that what is
// advertised cannot drift from what is checked.
const (
	MinPollDuration = minPollDuration
	MaxPollDuration = maxPollDuration
)
