module breachwire

go 1.26.0
