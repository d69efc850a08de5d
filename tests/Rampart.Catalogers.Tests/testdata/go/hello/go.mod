module example.com/rampart/hello

go 1.18

require example.com/rampart/greeting v0.3.0

replace example.com/rampart/greeting => ../greeting
