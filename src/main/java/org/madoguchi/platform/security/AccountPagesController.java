package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.TreeMap;
import org.madoguchi.platform.DepartmentCatalog;
import org.madoguchi.platform.ProblemException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /account: who I am, my API tokens and my signed-in sessions, for every staff member in a browser. */
@Controller
class AccountPagesController {

    private final Accounts accounts;
    private final OwnAccount own;
    private final StaffSessions sessions;
    private final DepartmentCatalog catalog;

    AccountPagesController(Accounts accounts, OwnAccount own, StaffSessions sessions, DepartmentCatalog catalog) {
        this.accounts = accounts;
        this.own = own;
        this.sessions = sessions;
        this.catalog = catalog;
    }

    @GetMapping("/account")
    String page(Authentication authentication, HttpServletRequest request, Model model) {
        StaffPrincipal staff = AccountController.staff(authentication);
        HttpSession current = request.getSession(false);
        Map<String, String> names = new TreeMap<>();
        catalog.departments().forEach(d -> names.put(d.id(), d.nameJa()));
        model.addAttribute("login", staff.login());
        model.addAttribute("displayName", staff.displayName());
        model.addAttribute("departmentNames", staff.departments().stream().sorted()
                .map(d -> names.getOrDefault(d, d)).toList());
        model.addAttribute("tokens", accounts.tokensOf(staff.id()));
        model.addAttribute("sessions", sessions.list(staff.login(), current == null ? null : current.getId()));
        model.addAttribute("role", staff.role());
        return "account/index";
    }

    /** The new token is rendered here and nowhere else: it is never put in a redirect, the session or a log. */
    @PostMapping("/account/tokens")
    String createToken(@RequestParam(defaultValue = "") String name, Authentication authentication,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        StaffPrincipal staff = AccountController.staff(authentication);
        try {
            Accounts.StaffToken token = own.createToken(staff, new OwnAccount.NewToken(name.strip()));
            return ShownOnce.render(response, model, "API トークンを作成しました",
                    "API トークン「" + token.name() + "」", token.token(), "/account", "アカウントの画面に戻る");
        } catch (ProblemException e) {
            model.addAttribute("tokenName", name);
            return refuse(e, authentication, request, response, model);
        }
    }

    @PostMapping("/account/tokens/{tokenId}/revoke")
    String revokeToken(@PathVariable long tokenId, Authentication authentication, HttpServletRequest request,
                       HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return PageForms.act(() -> {
            own.revokeToken(AccountController.staff(authentication), tokenId);
            return "API トークンを無効にしました。";
        }, "/account", redirect, e -> refuse(e, authentication, request, response, model));
    }

    @PostMapping("/account/sessions/{sessionId}/end")
    String endSession(@PathVariable String sessionId, Authentication authentication, HttpServletRequest request,
                      HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return PageForms.act(() -> {
            own.endSession(AccountController.staff(authentication), sessionId);
            return "セッションを終了しました。その端末では、もう一度ログインが必要です。";
        }, "/account", redirect, e -> refuse(e, authentication, request, response, model));
    }

    private String refuse(ProblemException e, Authentication authentication, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("error", e.getMessage());
        return page(authentication, request, model);
    }
}
