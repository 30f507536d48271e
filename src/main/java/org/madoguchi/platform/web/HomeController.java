package org.madoguchi.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front door: where to go for each kind of user until the floor screens take over. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
