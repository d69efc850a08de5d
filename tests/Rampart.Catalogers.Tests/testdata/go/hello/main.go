// Command hello is the Go fixture of Rampart's Go binary cataloger tests.
package main

import (
	"fmt"

	"example.com/rampart/greeting"
)

var version = "dev"

func main() { fmt.Println(greeting.Hello("rampart"), version) }
