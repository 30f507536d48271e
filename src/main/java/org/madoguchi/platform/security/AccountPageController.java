package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.madoguchi.platform.ProblemException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff member's own password page; the first administrator lands here until the password is changed. */
@Controller
class AccountPageController {

    private final PasswordChanges passwords;

    AccountPageController(PasswordChanges passwords) {
        this.passwords = passwords;
    }

    @GetMapping(PasswordChangeGate.PAGE)
    String form(Authentication authentication, Model model) {
        StaffPrincipal staff = AccountController.staff(authentication);
        model.addAttribute("login", staff.login());
        model.addAttribute("required", staff.mustChangePassword());
        model.addAttribute("minLength", PasswordPolicy.MIN);
        return "account/password";
    }

    @PostMapping(PasswordChangeGate.PAGE)
    String change(@RequestParam(defaultValue = "") String currentPassword,
                  @RequestParam(defaultValue = "") String newPassword,
                  @RequestParam(defaultValue = "") String confirmPassword,
                  Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
        StaffPrincipal staff = AccountController.staff(authentication);
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw ProblemException.invalid("confirmation-differs", "確認のために入力したパスワードが一致しません。");
            }
            passwords.change(staff, currentPassword, newPassword, request, response);
            return "redirect:/?passwordChanged";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("login", staff.login());
            model.addAttribute("required", staff.mustChangePassword());
            model.addAttribute("minLength", PasswordPolicy.MIN);
            return "account/password";
        }
    }
}
