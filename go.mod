module breachwire

go 1.26.0

require (
	github.com/andybalholm/cascadia v1.3.4
	github.com/goccy/go-yaml v1.19.2
)

require golang.org/x/net v0.62.0 // indirect

require go.etcd.io/bbolt v1.5.0

require golang.org/x/sys v0.49.0 // indirect
