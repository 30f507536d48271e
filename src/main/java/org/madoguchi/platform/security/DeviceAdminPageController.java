package org.madoguchi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.madoguchi.platform.Actor;
import org.madoguchi.platform.CurrentActor;
import org.madoguchi.platform.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The device and session forms of /admin. */
@Controller
class DeviceAdminPageController {

    private final AdminPage page;
    private final DeviceAdministration devices;
    private final StaffAdministration administration;
    private final CurrentActor actor;
    private final StaffPageFormat format;

    DeviceAdminPageController(AdminPage page, DeviceAdministration devices, StaffAdministration administration,
                              CurrentActor actor, StaffPageFormat format) {
        this.format = format;
        this.page = page;
        this.devices = devices;
        this.administration = administration;
        this.actor = actor;
    }

    /** The device token is shown on this answer only, with the address where the device's browser is paired. */
    @PostMapping("/admin/devices")
    String register(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String kind,
                    @RequestParam(defaultValue = "") String officeId, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        Actor.Role parsedKind = AdminPage.roleOf(kind);
        try {
            var device = devices.register(actor.get().staffId(),
                    new DeviceAdministration.NewDevice(name.strip(), parsedKind, officeId));
            if (device.kind() != Actor.Role.METRICS) {
                // A scraper is never paired: its token goes into the monitoring server's configuration.
                model.addAttribute("pairUrl", ServletUriComponentsBuilder.fromContextPath(request)
                        .path("/devices/pair").replaceQuery(null).toUriString());
            }
            return ShownOnce.render(response, model, "端末を登録しました",
                    format.role(device.kind()) + "「" + device.name() + "」の端末トークン", device.token(),
                    "/admin#devices", "管理の画面に戻る");
        } catch (ProblemException e) {
            model.addAttribute("deviceForm", new AdminPage.DeviceForm(name, parsedKind, officeId));
            return page.refuse(e, request, response, model);
        }
    }

    @PostMapping("/admin/devices/{deviceId}/revoke")
    String revoke(@PathVariable long deviceId, HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        return PageForms.act(() -> {
            devices.revoke(actor.get().staffId(), deviceId);
            return "端末を無効にしました。その端末はすぐに使えなくなります。";
        }, "/admin#devices", redirect, e -> page.refuse(e, request, response, model));
    }

    @PostMapping("/admin/sessions/{sessionId}/end")
    String endSession(@PathVariable String sessionId, HttpServletRequest request, HttpServletResponse response,
                      Model model, RedirectAttributes redirect) {
        return PageForms.act(() -> {
            administration.endSession(actor.get().staffId(), sessionId);
            return "セッションを終了しました。";
        }, "/admin#sessions", redirect, e -> page.refuse(e, request, response, model));
    }
}
