module example.com/rampart/greeting

go 1.18
