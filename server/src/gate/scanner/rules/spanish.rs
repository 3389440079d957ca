//! The meaning rules for sentences in Spanish, which the English rules cannot read: a
//! code, PIN or password with its value or recipe ("la clave es bodega77", "la contraseña
//! es el nombre del condado seguido del año"); where a key or code is kept; a guard,
//! alarm, camera or sensor switched off or absent at a time; a camera that does not cover
//! a place; a Wi-Fi network's name; a remote-access tool in use. A shared account and
//! rare backups only warn. Numbers in Spanish words are already digits here (`numbers`).

use super::super::hints::{HINT_REMOTE, HINT_SPANISH, HINT_SPANISH_UNSURE};
use super::super::patterns::re;
use super::super::sentences::Sentence;
use super::super::{Scanner, Severity};
use regex::Regex;
use std::sync::OnceLock;

struct Spanish {
    spanish: Regex,
    withheld: Regex,
    secret: Regex,
    public_code: Regex,
    recipe: Regex,
    kept: Regex,
    off: Regex,
    schedule: Regex,
    coverage: Regex,
    shared: Regex,
    backups: Regex,
    wifi: Regex,
    remote_on: Regex,
    remote_off: Regex,
    lapses: Regex,
}

fn patterns() -> &'static Spanish {
    static P: OnceLock<Spanish> = OnceLock::new();
    P.get_or_init(|| Spanish {
        // Words that only a Spanish sentence has.
        spanish: re(r"\b(?:el|la|los|las|del|es|son|est[aá]n?|se|de|que|y|una?|para|por|con|sin)\s"),
        withheld: re(r"\b(?:retenid[oa]s?|omitid[oa]s?|reservad[oa]s?|no\s+se\s+publica[n]?|se\s+retiene[n]?|eliminad[oa]s?\s+de\s+este)"),
        secret: re(r"\b(?:c[oó]digos?|claves?|contrase(?:ñ|n)as?|combinaci[oó]n|pin|nip)\b([^.;!?\n]{0,60}?)\b(?:es|son|era|fue|queda|sigue\s+siendo)\s+(?:el\s+|la\s+)?(?:n[uú]mero\s+)?[:=]?\s*[\x22'`]?([^\s\x22'`.,;]+)([^.;!?\n]{0,80})"),
        public_code: re(r"\bc[oó]digos?\s+(?:postal|electoral|penal|civil|fiscal|qr|de\s+(?:conducta|[eé]tica|elecciones|[aá]rea|barras|vestimenta|comercio))"),
        recipe: re(r"\b(?:nombre|apellido|palabra|a(?:ñ|n)o|fecha|n[uú]mero|seguid[oa]s?|m[aá]s|d[ií]gitos|calle|direcci|tel[eé]fono|cumplea|mascota|perro|gato|igual|mism[oa]|predeterminad|f[aá]brica|en\s+blanco|vac[ií]a|iniciales|al\s+rev[eé]s|condado|ciudad)"),
        kept: re(r"\b(?:llaves?|c[oó]digos?|claves?|contrase(?:ñ|n)as?|combinaci[oó]n|tarjetas?\s+de\s+memoria|memorias?\s+usb|respaldos?|copias?\s+de\s+seguridad|sellos?)\b[^.;!?\n]{0,60}?\b(?:se\s+guarda[n]?|guardad[oa]s?|se\s+deja[n]?|dejad[oa]s?|se\s+esconde[n]?|escondid[oa]s?|est[aá]n?|queda[n]?|cuelga[n]?|pegad[oa]s?|escrit[oa]s?|anotad[oa]s?|apuntad[oa]s?|se\s+lleva[n]?)\s[^.;!?\n]{0,60}?\b(?:debajo|detr[aá]s|dentro|encima|junto|caj[oó]n|cajones|escritorio|recepci|sin\s+llave|abiert[oa]|bolsillo|coche|carro|auto|casa|armario|estante|teclado|monitor|caja(?:\s+(?:del?|sin))|gaveta|mostrador|pizarr|nota|tabl[oó]n|pasillo|pared|cocina|puerta|ventana)|\b(?:llaves?|c[oó]digos?|claves?|contrase(?:ñ|n)as?|combinaci[oó]n)\b[^.;!?\n]{0,60}?\b(?:la|lo|las|los)\s+guarda[n]?\s[^.;!?\n]{0,40}?\b(?:caj[oó]n|escritorio|bolsillo|casa|coche|carro|armario)"),
        off: re(r"\b(?:sensor(?:es)?|alarmas?|c[aá]maras?|registros?|bit[aá]coras?|antivirus|cortafuegos|firewall|autenticaci[oó]n|vigilancia|grabaci[oó]n|monitoreo|cerraduras?|puertas?|rejas?|port[oó]n|portones)\b[^.;!?\n]{0,60}?\b(?:desactivad[oa]s?|se\s+desactiva[n]?|se\s+desactiv[oó]|apagad[oa]s?|se\s+apaga[n]?|se\s+apag[oó]|no\s+est[aá]n?\s+(?:activad|habilitad|encendid|conectad)[oa]s?|desconectad[oa]s?|desenchufad[oa]s?|no\s+funciona[n]?|no\s+graba[n]?|fuera\s+de\s+servicio|rot[oa]s?|descompuest[oa]s?|sin\s+llave|no\s+cierra[n]?|queda[n]?\s+abiert[oa]s?|se\s+deja[n]?\s+abiert[oa]s?|no\s+se\s+(?:exige|requiere|usa|aplica)[n]?)|\bnadie\s+(?:revisa|mira|lee|vigila|monitorea|controla)\s+(?:los|las|el|la)\s+(?:registros|bit[aá]coras|alertas|c[aá]maras|grabaciones|accesos)\b|\bnunca\s+se\s+(?:desactiva|revoca|elimina|cancela)[n]?\b|\bnunca\s+se\s+(?:dio|dieron|da|dan)\s+de\s+baja\b|\b(?:contrase(?:ñ|n)as?|claves?|c[oó]digos?|combinaci[oó]n)\b[^.;!?\n]{0,80}?\b(?:nunca\s+se\s+ha\s+cambiado|es\s+la\s+misma\s+en\s+tod[oa]s)\b|\b(?:la|lo|las|los)\s+conoce[n]?\s+(?:\w+\s+){0,2}?(?:ex-?empleados|exempleados|todos|todo\s+el\s+personal)\b|\bno\s+se\s+ha[n]?\s+(?:renovado|reparado|reemplazado|reconectado|actualizado)\b|\b(?:permite[n]?|acepta[n]?)\s+(?:\w+\s+){0,4}?desde\s+cualquier\s+(?:direcci[oó]n|lugar|equipo|ip|red)\b"),
        schedule: re(r"\b(?:guardias?|vigilantes?|vigilancia|patrullas?|polic[ií]as?|alguaciles?|alarmas?|c[aá]maras?|sensor(?:es)?)\b[^.;!?\n]{0,80}?\b(?:medianoche|mediod[ií]a|(?:a|hasta|desde|entre)\s+las\s+\d|fines?\s+de\s+semana|por\s+las?\s+noches?|de\s+noche|los\s+(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bados|domingos)|durante\s+el\s+almuerzo|feriados?)|\b(?:no\s+hay\s+(?:ning[uú]n\s+)?(?:vigilancia|guardias?|nadie|vigilantes?|patrullas?)|nadie\s+vigila|sin\s+vigilancia|sin\s+guardias?)\b"),
        coverage: re(r"\b(?:c[aá]maras?|alarmas?|sensor(?:es)?|detector(?:es)?)\b[^.;!?\n]{0,60}?\bno\s+(?:cubre[n]?|graba[n]?|alcanza[n]?|ve[n]?|vigila[n]?|muestra[n]?)\b|\bpuntos?\s+ciegos?\b|\bno\s+hay\s+c[aá]maras?\s+(?:en|sobre|cerca|que\s+cubra)"),
        shared: re(r"\b(?:mism[oa]|[uú]nic[oa]|compartid[oa]|una\s+sola|un\s+solo)\s+(?:\w+\s+)?(?:cuenta|contrase(?:ñ|n)a|clave|c[oó]digo|usuario|pin|credencial)\b|\b(?:cuenta|contrase(?:ñ|n)a|clave|usuario)s?\s+compartid[oa]s?"),
        backups: re(r"\b(?:respaldos?|copias?\s+de\s+seguridad)\b[^.;!?\n]{0,60}?(?:una\s+vez\s+al\s+(?:a(?:ñ|n)o|mes|trimestre)|anualmente|mensualmente|trimestralmente|cada\s+(?:a(?:ñ|n)o|mes|trimestre|\d+\s+meses))"),
        wifi: re(r"\bred(?:\s+inal[aá]mbrica|\s+wi-?fi|\s+de\s+wi-?fi)?\b[^.;!?\n]{0,40}?\bse\s+llama\s+[\x22'`]?[A-Za-z0-9][A-Za-z0-9_.$\-]{1,31}"),
        remote_on: re(r"\b(?:se\s+conecta[n]?|conectad[oa]s?|instalad[oa]s?|activ[oa]s?|habilitad[oa]s?|encendid[oa]s?|usa[n]?|utiliza[n]?|sigue[n]?|queda[n]?|por)\b"),
        remote_off: re(r"\b(?:eliminad[oa]s?|desinstalad[oa]s?|prohibid[oa]s?|bloquead[oa]s?|no\s+se\s+(?:usa[n]?|permite[n]?|instala[n]?)|ya\s+no)\b"),
        // Controls lapsed in practice: "el candado está roto", "comparte el mismo
        // enrutador", "la actualización de seguridad aún no se instala", "omitir la cinta
        // de ceros", "sin avisar a nadie", "si el sello no coincide, basta con", "la llave
        // se la dejé a la señora", "sólo la subdirectora conoce la combinación", "sin
        // nadie al lado", "la ventana no tiene seguro", "se abre empujando la barra",
        // "incluye la combinación de la caja fuerte".
        lapses: re(r"\b(?:candados?|cerraduras?|alarmas?|c[aá]maras?|chapas?|sellos?)\b[^.;!?\n]{0,40}?\b(?:est[aá]n?|sigue[n]?)\s+(?:rot[oa]s?|descompuest[oa]s?|da(?:ñ|n)ad[oa]s?)\b|\bcomparten?\s+(?:el\s+mism[oa]|la\s+misma)\s+(?:enrutador|router|red|switch|conmutador)\b|\bactualizaci[oó]n(?:es)?\s+de\s+seguridad\b[^.;!?\n]{0,60}?\b(?:a[uú]n|todav[ií]a)\s+no\s+se\s+(?:ha[n]?\s+)?(?:instala[n]?|instalad[oa]s?|aplica[n]?|aplicad[oa]s?)\b|\bomitir\s+la\s+cinta\s+de\s+(?:ceros|0s?)\b|\bsin\s+avisar\s+a\s+nadie\b|\bsi\s+el\s+sello\b[^.;!?\n]{0,60}?\bbasta\s+con\b|\bllaves?\b[^.;!?\n]{0,40}?\bdej[eé]\s+(?:a|con)\s+(?:la|el)\b|\bse\s+queda[n]?\s+(?:a\s+solas|sol[oa]s?)\s+con\b|\bcualquiera\s+puede\s+(?:conseguir|comprar|obtener)\b|\bacepta[n]?\s+cualquier\s+(?:tarjeta|llave|c[oó]digo)\b|\bsin\s+sellar\b|\bse\s+abre\s+con\s+cualquier\b|\bse\s+borran?\s+cada\b|\bno\s+se\s+respaldan?\b|\bnunca\s+se\s+(?:conectaron|instalaron|activaron)\b|\bno\s+tiene[n]?\s+autenticaci[oó]n\s+de\s+(?:dos|2)\s+(?:factores|pasos)\b|\bs[oó]lo\s+(?:la|el)\s+\w+\s+conoce\s+la\s+(?:combinaci[oó]n|clave|contrase(?:ñ|n)a|c[oó]digo)\b|\bsin\s+que\s+quede\s+(?:ninguna\s+|ning[uú]n\s+)?(?:marca|rastro|huella|se(?:ñ|n)al)\b|\bun[ao]?\s+sol[oa]\s+(?:\w+\s+)?se\s+queda[n]?\s+con\b|\bnadie\s+(?:lo|la|los|las)\s+ha\s+vuelto\s+a\s+(?:activar|encender|conectar|revisar)\b|\bnadie\s+(?:desactiv(?:o\b|ó)|dio\s+de\s+baja\b|revoc(?:o\b|ó)|cancel(?:o\b|ó))|\btodav[ií]a\s+tiene[n]?\s+acceso\b|\bapunta[n]?\s+a\s+la\s+pared\b|\bno\s+tiene\s+a\s+nadie\s+de\s+guardia\b|\bno\s+tiene[n]?\s+(?:antivirus|contrase(?:ñ|n)a|respaldos?|copias?\s+de\s+seguridad)\b|\bnunca\s+se\s+(?:cambi(?:o\b|ó)|ha\s+cambiado\b)|\bse\s+qued[oó]\s+abiert[oa]\b|\bdejo\s+la\s+llave\b[^.;!?\n]{0,60}?\b(?:detr[aá]s|debajo|dentro|encima|junto)\b|\bes\s+la\s+misma\s+en\s+tod[oa]s\b|\bsigue[n]?\s+activ[oa]s?\b|\bno\s+hace\s+falta\s+(?:anotarse|firmar|registrarse)\b|\bqueda[n]?\s+a\s+oscuras\b|\bdejaron\b[^.;!?\n]{0,60}?\bsin\s+llave\b|\bqued[oó]\s+vac[ií]o\b|\bya\s+no\s+recibe[n]?\s+(?:parches|actualizaciones)\b|\bconectad[oa]\s+directamente\s+a\s+internet\b|\bcontrase(?:ñ|n)a\s+(?:de\s+f[aá]brica|predeterminada)\b|\bse\s+queda[n]?\s+en\s+(?:(?:mi|su)\s+(?:carro|coche|auto|casa)|la\s+camioneta)\b|\bsin\s+nadie\s+(?:en\s+(?:la|el)|a\s+cargo|al\s+lado|cerca)\b|\bque\s+no\s+cierra\b|\bno\s+tiene\s+candado\b|\b(?:ventana|puerta|port[oó]n|reja|caja|gabinete)\b[^.;!?\n]{0,60}?\bno\s+tiene\s+(?:seguro|cerradura|chapa)\b|\bse\s+abre\s+(?:con\s+solo\s+|solo\s+)?(?:empujando|jalando|tirando)\b|\b(?:incluye|contiene|trae|muestra)\s+la\s+(?:combinaci[oó]n|contrase(?:ñ|n)a|clave)\s+de\b|\bla\s+cierra\s+con\s+cinta\b|\ben\s+(?:mi|su)\s+bolsillo\b|\btodav[ií]a\s+no\s+(?:ha\s+)?instal[oó]\s+(?:el|los)\s+parches?\b|\bnadie\s+firm(?:o\b|ó)|\bllaves?\b[^.;!?\n]{0,60}?\ben\s+el\s+caj[oó]n\b|\bla\s+que\s+tiene\s+la\s+falla\b|\bnadie\s+sabe\s+si\s+funciona[n]?\b|\bno\s+se\s+han?\s+probado\b|\b(?:trabajadores|obreros|contratistas|conserjes?)\b[^.;!?\n]{0,40}?\btiene[n]?\s+(?:la|el)\s+(?:combinaci[oó]n|clave|contrase(?:ñ|n)a|c[oó]digo|llave)\b"),
    })
}

impl Scanner<'_> {
    /// The meaning rules for a sentence in Spanish.
    pub(super) fn spanish(&self, s: &mut Sentence, withholding: bool, purchase: bool) {
        let p = patterns();
        if withholding || !s.has(&p.spanish) || s.has(&p.withheld) {
            return;
        }
        let public_code = s.has(&p.public_code);
        for c in s.caps(&p.secret) {
            let (Some(m), Some(first), Some(rest)) = (c.get(0), c.get(2), c.get(3)) else { continue };
            if public_code {
                break;
            }
            let v = first.as_str();
            let value = v.chars().any(|ch| ch.is_ascii_digit()) || v.chars().any(|ch| "!@#$%^&*_+".contains(ch));
            let recipe = s.has_in(&p.recipe, &format!("{v}{}", rest.as_str()));
            if value || recipe {
                s.add(m.start(), first.end(), "credential", Severity::Block, HINT_SPANISH);
            }
        }
        let sev = if purchase { Severity::Warn } else { Severity::Block };
        for re in [&p.kept, &p.off, &p.schedule, &p.coverage, &p.wifi, &p.lapses] {
            for (a, b) in s.find(re) {
                s.add(a, b, "security-detail-es", sev, HINT_SPANISH);
            }
        }
        for re in [&p.shared, &p.backups] {
            for (a, b) in s.find(re) {
                s.add(a, b, "security-detail-es", Severity::Warn, HINT_SPANISH_UNSURE);
            }
        }
        if let Some(tools) = &self.remote {
            let found = s.find(tools);
            if !found.is_empty() && s.has(&p.remote_on) && !s.has(&p.remote_off) {
                for (a, b) in found {
                    s.add(a, b, "remote-access", Severity::Block, HINT_REMOTE);
                }
            }
        }
    }
}
